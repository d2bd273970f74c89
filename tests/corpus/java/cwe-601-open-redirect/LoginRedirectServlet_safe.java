package com.acme.auth.web;

import java.io.IOException;
import java.net.URI;
import java.net.URISyntaxException;
import javax.servlet.annotation.WebServlet;
import javax.servlet.http.HttpServlet;
import javax.servlet.http.HttpServletRequest;
import javax.servlet.http.HttpServletResponse;

@WebServlet("/login/complete")
public class LoginRedirectServlet extends HttpServlet {

    @Override
    protected void doGet(HttpServletRequest req, HttpServletResponse resp) throws IOException {
        if (req.getSession(false) == null || req.getSession().getAttribute("userId") == null) {
            resp.sendRedirect("/login");
            return;
        }
        String next = req.getParameter("next");
        // expect-not: CWE-601
        resp.sendRedirect(isLocalPath(next) ? next : "/dashboard");
    }

    /** Only same-site absolute paths: no scheme, no authority, no protocol-relative "//" or "/\\". */
    static boolean isLocalPath(String target) {
        if (target == null || !target.startsWith("/") || target.startsWith("//") || target.startsWith("/\\")) {
            return false;
        }
        try {
            URI uri = new URI(target);
            return uri.getScheme() == null && uri.getHost() == null;
        } catch (URISyntaxException e) {
            return false;
        }
    }
}
