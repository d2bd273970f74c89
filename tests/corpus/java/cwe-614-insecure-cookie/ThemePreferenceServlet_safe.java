package com.acme.portal.web;

import java.io.IOException;
import java.util.Set;
import javax.servlet.annotation.WebServlet;
import javax.servlet.http.Cookie;
import javax.servlet.http.HttpServlet;
import javax.servlet.http.HttpServletRequest;
import javax.servlet.http.HttpServletResponse;

/**
 * Remembers the UI theme. The cookie carries no secret, and the page script reads it,
 * so it is deliberately not HttpOnly; it is still Secure.
 */
@WebServlet("/preferences/theme")
public class ThemePreferenceServlet extends HttpServlet {

    private static final Set<String> THEMES = Set.of("light", "dark", "high-contrast");

    @Override
    protected void doPost(HttpServletRequest req, HttpServletResponse resp) throws IOException {
        String theme = req.getParameter("theme");
        Cookie c = new Cookie("ui_theme", THEMES.contains(theme) ? theme : "light");
        c.setSecure(true);
        c.setMaxAge(60 * 60 * 24 * 365);
        c.setPath("/");
        // expect-not: CWE-614
        resp.addCookie(c);
        resp.setStatus(HttpServletResponse.SC_NO_CONTENT);
    }
}
