package com.acme.api;

import java.io.IOException;
import java.util.Set;
import javax.servlet.FilterChain;
import javax.servlet.ServletException;
import javax.servlet.http.HttpFilter;
import javax.servlet.http.HttpServletRequest;
import javax.servlet.http.HttpServletResponse;

/** Lets the customer portal (served from another host) call the API with its session cookie. */
public class ApiCorsFilter extends HttpFilter {

    private static final Set<String> PORTALS = Set.of("https://portal.acme.example", "https://partners.acme.example");

    @Override
    protected void doFilter(HttpServletRequest req, HttpServletResponse resp, FilterChain chain)
            throws IOException, ServletException {
        String origin = req.getHeader("Origin");
        if (PORTALS.contains(origin)) {
            // expect-not: CWE-942
            resp.setHeader("Access-Control-Allow-Origin", origin);
            resp.setHeader("Access-Control-Allow-Credentials", "true");
            resp.addHeader("Vary", "Origin");
        }
        chain.doFilter(req, resp);
    }
}
