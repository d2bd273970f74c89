package com.acme.reports;

import java.io.IOException;
import javax.servlet.http.HttpServlet;
import javax.servlet.http.HttpServletRequest;
import javax.servlet.http.HttpServletResponse;

/** Renders a report in the format the client asks for: ?format=csv, ?format=pdf … */
public class ReportFormatServlet extends HttpServlet {

    private static final String CSV = "com.acme.reports.format.CsvFormatter";
    private static final String PDF = "com.acme.reports.format.PdfFormatter";

    @Override
    protected void doGet(HttpServletRequest req, HttpServletResponse resp) throws IOException {
        String className;
        switch (String.valueOf(req.getParameter("format"))) {
            case "csv":
                className = CSV;
                break;
            case "pdf":
                className = PDF;
                break;
            default:
                resp.sendError(HttpServletResponse.SC_BAD_REQUEST, "unknown format");
                return;
        }
        try {
            // expect-not: CWE-470
            Class<?> type = Class.forName(className);
            ReportFormatter f = (ReportFormatter) type.getDeclaredConstructor().newInstance();
            f.render(req.getParameter("report"), resp.getOutputStream());
        } catch (ReflectiveOperationException e) {
            resp.sendError(HttpServletResponse.SC_INTERNAL_SERVER_ERROR);
        }
    }

    public interface ReportFormatter {
        void render(String reportId, java.io.OutputStream out) throws IOException;
    }
}
