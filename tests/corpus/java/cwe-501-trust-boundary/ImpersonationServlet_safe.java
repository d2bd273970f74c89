package com.acme.support.web;

import java.io.IOException;
import javax.servlet.annotation.WebServlet;
import javax.servlet.http.HttpServlet;
import javax.servlet.http.HttpServletRequest;
import javax.servlet.http.HttpServletResponse;
import javax.servlet.http.HttpSession;

/** Support agents switch the account they are looking at; the server decides what is stored. */
@WebServlet("/support/switch-account")
public class ImpersonationServlet extends HttpServlet {

    private final AccountService accounts;

    public ImpersonationServlet(AccountService accounts) {
        this.accounts = accounts;
    }

    @Override
    protected void doPost(HttpServletRequest req, HttpServletResponse resp) throws IOException {
        HttpSession session = req.getSession();
        String agent = (String) session.getAttribute("agentId");
        long requested;
        try {
            requested = Long.parseLong(req.getParameter("accountId"));
        } catch (NumberFormatException e) {
            resp.sendError(HttpServletResponse.SC_BAD_REQUEST);
            return;
        }
        Account account = accounts.findAssignedTo(agent, requested);
        if (account == null) {
            resp.sendError(HttpServletResponse.SC_FORBIDDEN);
            return;
        }
        // expect-not: CWE-501
        session.setAttribute("activeAccountId", account.id());
        // expect-not: CWE-501
        session.setAttribute("role", accounts.roleOf(agent));
        resp.sendRedirect("/support/account");
    }

    public record Account(long id, String name) {}

    public interface AccountService {
        Account findAssignedTo(String agentId, long accountId);
        String roleOf(String agentId);
    }
}
