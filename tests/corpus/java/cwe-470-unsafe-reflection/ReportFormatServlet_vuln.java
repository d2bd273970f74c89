package com.acme.reports;

import java.io.IOException;
import javax.servlet.http.HttpServlet;
import javax.servlet.http.HttpServletRequest;
import javax.servlet.http.HttpServletResponse;

/** Renders a report in the format the client asks for: ?format=Csv, ?format=Pdf … */
public class ReportFormatServlet extends HttpServlet {

    @Override
    protected void doGet(HttpServletRequest req, HttpServletResponse resp) throws IOException {
        String format = req.getParameter("format");
        try {
            // expect: CWE-470
            Class<?> type = Class.forName("com.acme.reports.format." + format + "Formatter");
            ReportFormatter f = (ReportFormatter) type.getDeclaredConstructor().newInstance();
            f.render(req.getParameter("report"), resp.getOutputStream());
        } catch (ReflectiveOperationException e) {
            resp.sendError(HttpServletResponse.SC_BAD_REQUEST, "unknown format");
        }
    }

    public interface ReportFormatter {
        void render(String reportId, java.io.OutputStream out) throws IOException;
    }
}
