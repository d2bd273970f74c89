package com.acme.support.web;

import java.io.IOException;
import javax.servlet.annotation.WebServlet;
import javax.servlet.http.HttpServlet;
import javax.servlet.http.HttpServletRequest;
import javax.servlet.http.HttpServletResponse;
import javax.servlet.http.HttpSession;

/** Support agents switch the account they are looking at. */
@WebServlet("/support/switch-account")
public class ImpersonationServlet extends HttpServlet {

    @Override
    protected void doPost(HttpServletRequest req, HttpServletResponse resp) throws IOException {
        HttpSession session = req.getSession();
        String accountId = req.getParameter("accountId");
        String role = req.getHeader("X-Requested-Role");
        // expect: CWE-501
        session.setAttribute("activeAccountId", accountId);
        // expect: CWE-501
        session.setAttribute("role", role);
        resp.sendRedirect("/support/account");
    }
}
