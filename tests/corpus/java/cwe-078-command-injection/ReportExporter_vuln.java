package com.acme.reports.web;

import java.io.IOException;
import java.io.InputStream;
import javax.servlet.ServletException;
import javax.servlet.annotation.WebServlet;
import javax.servlet.http.HttpServlet;
import javax.servlet.http.HttpServletRequest;
import javax.servlet.http.HttpServletResponse;

/**
 * Converts a stored report to PDF with the wkhtmltopdf binary and streams it back.
 */
@WebServlet("/reports/export")
public class ReportExporter extends HttpServlet {

    private static final String REPORT_DIR = "/var/lib/acme/reports/";

    @Override
    protected void doGet(HttpServletRequest request, HttpServletResponse response)
            throws ServletException, IOException {
        String reportName = request.getParameter("report");
        String pageSize = request.getParameter("pageSize");
        if (reportName == null || reportName.isEmpty()) {
            response.sendError(HttpServletResponse.SC_BAD_REQUEST, "missing report");
            return;
        }
        String cmd = "wkhtmltopdf --page-size " + pageSize + " " + REPORT_DIR + reportName + ".html -";
        // expect: CWE-78
        Process proc = Runtime.getRuntime().exec(cmd);
        response.setContentType("application/pdf");
        try (InputStream pdf = proc.getInputStream()) {
            pdf.transferTo(response.getOutputStream());
        }
    }
}
