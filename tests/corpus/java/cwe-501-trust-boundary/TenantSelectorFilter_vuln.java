package com.acme.saas.web;

import java.io.IOException;
import javax.servlet.FilterChain;
import javax.servlet.ServletException;
import javax.servlet.http.Cookie;
import javax.servlet.http.HttpFilter;
import javax.servlet.http.HttpServletRequest;
import javax.servlet.http.HttpServletResponse;

/** Remembers which tenant the user is working in; later code trusts the session value. */
public class TenantSelectorFilter extends HttpFilter {

    @Override
    protected void doFilter(HttpServletRequest req, HttpServletResponse resp, FilterChain chain)
            throws IOException, ServletException {
        if (req.getCookies() != null) {
            for (Cookie c : req.getCookies()) {
                if ("tenant".equals(c.getName())) {
                    // expect: CWE-501
                    req.getSession().setAttribute("tenantId", c.getValue());
                }
            }
        }
        chain.doFilter(req, resp);
    }
}
