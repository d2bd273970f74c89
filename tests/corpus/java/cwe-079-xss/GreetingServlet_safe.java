package com.acme.portal.web;

import java.io.IOException;
import java.io.PrintWriter;
import javax.servlet.annotation.WebServlet;
import javax.servlet.http.HttpServlet;
import javax.servlet.http.HttpServletRequest;
import javax.servlet.http.HttpServletResponse;
import org.owasp.encoder.Encode;

@WebServlet("/welcome")
public class GreetingServlet extends HttpServlet {

    @Override
    protected void doGet(HttpServletRequest req, HttpServletResponse resp) throws IOException {
        String name = req.getParameter("name");
        String campaign = req.getParameter("utm_campaign");
        resp.setContentType("text/html;charset=UTF-8");
        PrintWriter out = resp.getWriter();
        out.println("<html><body>");
        // expect-not: CWE-79
        out.println("<h1>Welcome back, " + Encode.forHtml(name) + "!</h1>");
        if (campaign != null) {
            // expect-not: CWE-79
            out.printf("<p class=\"promo\">You arrived from %s</p>%n", Encode.forHtmlContent(campaign));
        }
        out.println("</body></html>");
    }
}
