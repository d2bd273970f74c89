package com.acme.analytics;

import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import javax.servlet.http.HttpServletRequest;

/** Builds the WHERE clause of the sales report in a helper that maps the input to a constant. */
public class ReportQueryBuilder {

    private final Connection connection;

    public ReportQueryBuilder(Connection connection) {
        this.connection = connection;
    }

    private static String regionFilter(String region) {
        switch (region == null ? "" : region.trim().toLowerCase()) {
            case "emea":
                return " WHERE region = 'EMEA'";
            case "apac":
                return " WHERE region = 'APAC'";
            case "amer":
                return " WHERE region = 'AMER'";
            default:
                return "";
        }
    }

    public long totalFor(HttpServletRequest request) throws SQLException {
        String region = request.getParameter("region");
        String sql = "SELECT SUM(amount) FROM sales" + regionFilter(region);
        try (Statement st = connection.createStatement();
             // expect-not: CWE-89
             ResultSet rs = st.executeQuery(sql)) {
            return rs.next() ? rs.getLong(1) : 0L;
        }
    }
}
