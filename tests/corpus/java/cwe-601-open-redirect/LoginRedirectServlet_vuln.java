package com.acme.auth.web;

import java.io.IOException;
import javax.servlet.annotation.WebServlet;
import javax.servlet.http.HttpServlet;
import javax.servlet.http.HttpServletRequest;
import javax.servlet.http.HttpServletResponse;

@WebServlet("/login/complete")
public class LoginRedirectServlet extends HttpServlet {

    @Override
    protected void doGet(HttpServletRequest req, HttpServletResponse resp) throws IOException {
        if (req.getSession(false) == null || req.getSession().getAttribute("userId") == null) {
            // expect-not: CWE-601
            resp.sendRedirect("/login");
            return;
        }
        String next = req.getParameter("next");
        if (next == null || next.isBlank()) {
            next = "/dashboard";
        }
        // expect: CWE-601
        resp.sendRedirect(next);
    }
}
