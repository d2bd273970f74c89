package com.acme.web.filters;

import java.io.IOException;
import javax.servlet.FilterChain;
import javax.servlet.ServletException;
import javax.servlet.http.Cookie;
import javax.servlet.http.HttpFilter;
import javax.servlet.http.HttpServletRequest;
import javax.servlet.http.HttpServletResponse;

/** After SSO the session id is mirrored into a cookie for the legacy app on the same domain. */
public class LegacySessionCookieFilter extends HttpFilter {

    @Override
    protected void doFilter(HttpServletRequest req, HttpServletResponse resp, FilterChain chain)
            throws IOException, ServletException {
        String sid = req.getSession().getId();
        Cookie legacy = new Cookie("LEGACY_SID", sid);
        legacy.setHttpOnly(true);
        // expect-not: CWE-614
        legacy.setSecure(true);
        resp.addCookie(legacy);
        chain.doFilter(req, resp);
    }
}
