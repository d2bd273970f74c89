package com.acme.directory;

import java.util.List;
import org.springframework.ldap.core.AttributesMapper;
import org.springframework.ldap.core.LdapTemplate;
import org.springframework.ldap.support.LdapEncoder;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.RestController;

@RestController
public class GroupMembershipService {

    private final LdapTemplate ldap;

    public GroupMembershipService(LdapTemplate ldap) {
        this.ldap = ldap;
    }

    @GetMapping("/groups/{group}/members")
    public List<String> members(@PathVariable String group) {
        String filter = "(&(objectClass=groupOfNames)(cn=" + LdapEncoder.filterEncode(group) + "))";
        // expect-not: CWE-90
        return ldap.search("ou=groups", filter, (AttributesMapper<String>) attrs -> (String) attrs.get("member").get());
    }
}
