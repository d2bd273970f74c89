package com.acme.portal.web;

import java.io.IOException;
import javax.servlet.annotation.WebServlet;
import javax.servlet.http.Cookie;
import javax.servlet.http.HttpServlet;
import javax.servlet.http.HttpServletRequest;
import javax.servlet.http.HttpServletResponse;

/** Shows the display name the user picked on the previous visit (kept in a cookie). */
@WebServlet("/profile/card")
public class ProfileCardServlet extends HttpServlet {

    @Override
    protected void doGet(HttpServletRequest req, HttpServletResponse resp) throws IOException {
        String displayName = "guest";
        if (req.getCookies() != null) {
            for (Cookie c : req.getCookies()) {
                if ("display_name".equals(c.getName())) {
                    displayName = c.getValue();
                }
            }
        }
        resp.setContentType("text/html");
        // expect: CWE-79
        resp.getWriter().write("<div class=\"card\"><span>" + displayName + "</span></div>");
    }
}
