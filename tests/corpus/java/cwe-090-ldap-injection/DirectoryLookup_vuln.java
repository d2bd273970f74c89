package com.acme.directory;

import java.util.ArrayList;
import java.util.List;
import javax.naming.NamingEnumeration;
import javax.naming.NamingException;
import javax.naming.directory.DirContext;
import javax.naming.directory.SearchControls;
import javax.naming.directory.SearchResult;
import javax.servlet.http.HttpServletRequest;

public class DirectoryLookup {

    private static final String BASE_DN = "ou=people,dc=acme,dc=example";
    private final DirContext ctx;

    public DirectoryLookup(DirContext ctx) {
        this.ctx = ctx;
    }

    public List<String> findByName(HttpServletRequest request) throws NamingException {
        String uid = request.getParameter("uid");
        String dept = request.getParameter("department");
        String filter = "(&(objectClass=inetOrgPerson)(uid=" + uid + ")(departmentNumber=" + dept + "))";
        SearchControls sc = new SearchControls();
        sc.setSearchScope(SearchControls.SUBTREE_SCOPE);
        sc.setReturningAttributes(new String[] {"cn", "mail"});
        List<String> names = new ArrayList<>();
        // expect: CWE-90
        NamingEnumeration<SearchResult> results = ctx.search(BASE_DN, filter, sc);
        while (results.hasMore()) {
            names.add(String.valueOf(results.next().getAttributes().get("cn").get()));
        }
        return names;
    }
}
