package com.acme.audit;

import java.sql.Connection;
import java.sql.SQLException;
import java.sql.Statement;
import javax.servlet.http.HttpServletRequest;

public class AuditLogRepository {

    private static final int RETENTION_DAYS = 90;

    private final Connection connection;

    public AuditLogRepository(Connection connection) {
        this.connection = connection;
    }

    public int purgeExpired(HttpServletRequest request) throws SQLException {
        String days = request.getParameter("days");
        int retention;
        try {
            retention = Math.max(RETENTION_DAYS, Integer.parseInt(days));
        } catch (NumberFormatException e) {
            retention = RETENTION_DAYS;
        }
        // retention is an int; concatenating it cannot change the statement's structure.
        String sql = "DELETE FROM audit_log WHERE created_at < now() - interval '" + retention + " days'";
        try (Statement st = connection.createStatement()) {
            // expect-not: CWE-89
            return st.executeUpdate(sql);
        }
    }
}
