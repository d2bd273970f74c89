package com.acme.auth.ldap;

import java.util.Hashtable;
import javax.naming.Context;
import javax.naming.NamingException;
import javax.naming.directory.DirContext;
import javax.naming.directory.InitialDirContext;
import javax.naming.ldap.Rdn;

/** Authenticates form logins by binding to the corporate directory as the user. */
public class LdapLoginProvider {

    private static final String LDAP_URL = "ldaps://ldap.acme.example:636";

    public boolean authenticate(String username, String password) {
        if (password == null || password.isEmpty()) {
            return false; // an empty password would be an unauthenticated bind
        }
        Hashtable<String, String> env = new Hashtable<>();
        env.put(Context.INITIAL_CONTEXT_FACTORY, "com.sun.jndi.ldap.LdapCtxFactory");
        env.put(Context.PROVIDER_URL, LDAP_URL);
        env.put(Context.SECURITY_AUTHENTICATION, "simple");
        // expect-not: CWE-90
        env.put(Context.SECURITY_PRINCIPAL, "uid=" + Rdn.escapeValue(username) + ",ou=people,dc=acme,dc=example");
        env.put(Context.SECURITY_CREDENTIALS, password);
        try {
            DirContext ctx = new InitialDirContext(env);
            ctx.close();
            return true;
        } catch (NamingException e) {
            return false;
        }
    }
}
