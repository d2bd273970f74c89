package com.acme.reports.web;

import java.io.IOException;
import java.io.InputStream;
import java.util.List;
import java.util.Set;
import java.util.regex.Pattern;
import javax.servlet.ServletException;
import javax.servlet.annotation.WebServlet;
import javax.servlet.http.HttpServlet;
import javax.servlet.http.HttpServletRequest;
import javax.servlet.http.HttpServletResponse;

/**
 * Converts a stored report to PDF. The argv is built as a list (no shell), the page size
 * is checked against a fixed allow-list and the report name against a strict pattern.
 */
@WebServlet("/reports/export")
public class ReportExporter extends HttpServlet {

    private static final String REPORT_DIR = "/var/lib/acme/reports/";
    private static final Set<String> PAGE_SIZES = Set.of("A4", "A5", "Letter", "Legal");
    private static final Pattern REPORT_NAME = Pattern.compile("[a-z0-9][a-z0-9_-]{0,63}");

    @Override
    protected void doGet(HttpServletRequest request, HttpServletResponse response)
            throws ServletException, IOException {
        String reportName = request.getParameter("report");
        String pageSize = request.getParameter("pageSize");
        if (reportName == null || !REPORT_NAME.matcher(reportName).matches()) {
            response.sendError(HttpServletResponse.SC_BAD_REQUEST, "bad report name");
            return;
        }
        if (!PAGE_SIZES.contains(pageSize)) {
            pageSize = "A4";
        }
        List<String> argv = List.of("wkhtmltopdf", "--page-size", pageSize,
                REPORT_DIR + reportName + ".html", "-");
        // expect-not: CWE-78
        Process proc = new ProcessBuilder(argv).redirectErrorStream(false).start();
        response.setContentType("application/pdf");
        try (InputStream pdf = proc.getInputStream()) {
            pdf.transferTo(response.getOutputStream());
        }
    }
}
