package com.acme.saas.web;

import java.io.IOException;
import java.util.Set;
import javax.servlet.FilterChain;
import javax.servlet.ServletException;
import javax.servlet.http.Cookie;
import javax.servlet.http.HttpFilter;
import javax.servlet.http.HttpServletRequest;
import javax.servlet.http.HttpServletResponse;

/** Remembers which tenant the user is working in, if the user is a member of it. */
public class TenantSelectorFilter extends HttpFilter {

    private final MembershipService memberships;

    public TenantSelectorFilter(MembershipService memberships) {
        this.memberships = memberships;
    }

    @Override
    protected void doFilter(HttpServletRequest req, HttpServletResponse resp, FilterChain chain)
            throws IOException, ServletException {
        String user = req.getRemoteUser();
        if (user != null && req.getCookies() != null) {
            Set<String> allowed = memberships.tenantsOf(user);
            for (Cookie c : req.getCookies()) {
                if ("tenant".equals(c.getName()) && allowed.contains(c.getValue())) {
                    // expect-not: CWE-501
                    req.getSession().setAttribute("tenantId", memberships.canonicalId(c.getValue()));
                }
            }
        }
        chain.doFilter(req, resp);
    }

    public interface MembershipService {
        Set<String> tenantsOf(String user);
        String canonicalId(String tenant);
    }
}
