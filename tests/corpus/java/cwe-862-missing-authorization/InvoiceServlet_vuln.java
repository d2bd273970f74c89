package com.acme.billing.web;

import java.io.IOException;
import javax.servlet.annotation.WebServlet;
import javax.servlet.http.HttpServlet;
import javax.servlet.http.HttpServletRequest;
import javax.servlet.http.HttpServletResponse;

/** Returns an invoice PDF by id. The caller is logged in, but ownership is never checked. */
@WebServlet("/invoices/pdf")
public class InvoiceServlet extends HttpServlet {

    private final InvoiceRepository invoices;

    public InvoiceServlet(InvoiceRepository invoices) {
        this.invoices = invoices;
    }

    @Override
    protected void doGet(HttpServletRequest req, HttpServletResponse resp) throws IOException {
        if (req.getSession(false) == null || req.getSession().getAttribute("userId") == null) {
            resp.sendError(HttpServletResponse.SC_UNAUTHORIZED);
            return;
        }
        long invoiceId = Long.parseLong(req.getParameter("id"));
        // expect: CWE-862
        byte[] pdf = invoices.loadPdf(invoiceId);
        resp.setContentType("application/pdf");
        resp.getOutputStream().write(pdf);
    }

    public interface InvoiceRepository {
        byte[] loadPdf(long invoiceId);
        byte[] loadPdfForOwner(long invoiceId, long ownerId);
    }
}
