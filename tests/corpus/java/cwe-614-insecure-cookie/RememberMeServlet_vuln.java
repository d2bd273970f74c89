package com.acme.auth.web;

import java.io.IOException;
import javax.servlet.annotation.WebServlet;
import javax.servlet.http.Cookie;
import javax.servlet.http.HttpServlet;
import javax.servlet.http.HttpServletRequest;
import javax.servlet.http.HttpServletResponse;

@WebServlet("/login")
public class RememberMeServlet extends HttpServlet {

    private final Authenticator auth;

    public RememberMeServlet(Authenticator auth) {
        this.auth = auth;
    }

    @Override
    protected void doPost(HttpServletRequest req, HttpServletResponse resp) throws IOException {
        String token = auth.login(req.getParameter("username"), req.getParameter("password"));
        if (token == null) {
            resp.sendError(HttpServletResponse.SC_UNAUTHORIZED);
            return;
        }
        Cookie remember = new Cookie("remember_me", token);
        remember.setMaxAge(60 * 60 * 24 * 30);
        remember.setPath("/");
        // expect: CWE-614
        resp.addCookie(remember);
        resp.sendRedirect("/home");
    }

    public interface Authenticator {
        String login(String username, String password);
    }
}
