package com.acme.audit;

import java.sql.Connection;
import java.sql.SQLException;
import java.sql.Statement;
import javax.servlet.http.HttpServletRequest;

public class AuditLogRepository {

    private final Connection connection;

    public AuditLogRepository(Connection connection) {
        this.connection = connection;
    }

    public int purgeForTenant(HttpServletRequest request) throws SQLException {
        String tenant = request.getHeader("X-Tenant-Id");
        String before = request.getParameter("before");
        String sql = "DELETE FROM audit_log WHERE tenant = '" + tenant + "' AND created_at < '" + before + "'";
        try (Statement st = connection.createStatement()) {
            // expect: CWE-89
            return st.executeUpdate(sql);
        }
    }
}
