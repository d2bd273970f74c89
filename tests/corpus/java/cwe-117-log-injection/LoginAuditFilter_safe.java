package com.acme.auth.web;

import java.io.IOException;
import javax.servlet.FilterChain;
import javax.servlet.ServletException;
import javax.servlet.http.HttpFilter;
import javax.servlet.http.HttpServletRequest;
import javax.servlet.http.HttpServletResponse;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

public class LoginAuditFilter extends HttpFilter {

    private static final Logger AUDIT = LoggerFactory.getLogger("audit.login");

    @Override
    protected void doFilter(HttpServletRequest req, HttpServletResponse resp, FilterChain chain)
            throws IOException, ServletException {
        chain.doFilter(req, resp);
        if ("/login".equals(req.getServletPath()) && resp.getStatus() == 401) {
            String user = oneLine(req.getParameter("username"));
            String agent = oneLine(req.getHeader("User-Agent"));
            // expect-not: CWE-117
            AUDIT.warn("failed login for user=" + user + " agent=" + agent + " ip=" + req.getRemoteAddr());
        }
    }

    /** Neutralises CR, LF and other control characters so one request is one log line. */
    private static String oneLine(String s) {
        if (s == null) {
            return "-";
        }
        return s.replaceAll("[\\r\\n\\t\\p{Cntrl}]", "_");
    }
}
