package com.acme.portal.web;

import java.io.IOException;
import javax.servlet.annotation.WebServlet;
import javax.servlet.http.HttpServlet;
import javax.servlet.http.HttpServletRequest;
import javax.servlet.http.HttpServletResponse;

/** The requested path is echoed back, but as text/plain, never interpreted as HTML. */
@WebServlet("/not-found")
public class ErrorPageServlet extends HttpServlet {

    @Override
    protected void doGet(HttpServletRequest req, HttpServletResponse resp) throws IOException {
        String path = req.getParameter("path");
        String debug = "false";
        // Dead branch: debug is the constant "false", so the raw HTML echo never runs.
        if ("true".equals(debug)) {
            resp.setContentType("text/html");
            // expect-not: CWE-79
            resp.getWriter().write("<pre>" + path + "</pre>");
            return;
        }
        resp.setStatus(HttpServletResponse.SC_NOT_FOUND);
        resp.setContentType("text/plain;charset=UTF-8");
        resp.setHeader("X-Content-Type-Options", "nosniff");
        // expect-not: CWE-79
        resp.getWriter().write("No page at " + path.replaceAll("[\\r\\n<>\"'&]", "_"));
    }
}
