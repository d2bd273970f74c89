package com.acme.shop.dao;

import java.math.BigDecimal;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.List;
import javax.servlet.http.HttpServletRequest;
import javax.sql.DataSource;

public class OrderDao {

    private final DataSource dataSource;

    public OrderDao(DataSource dataSource) {
        this.dataSource = dataSource;
    }

    public List<Order> findOrdersForRequest(HttpServletRequest request) throws SQLException {
        String customerId = request.getParameter("customerId");
        String status = request.getParameter("status");
        String sql = "SELECT id, total, status FROM orders WHERE customer_id = ?"
                + (status != null ? " AND status = ?" : "");
        List<Order> result = new ArrayList<>();
        try (Connection conn = dataSource.getConnection();
             PreparedStatement ps = conn.prepareStatement(sql)) {
            ps.setString(1, customerId);
            if (status != null) {
                ps.setString(2, status);
            }
            // expect-not: CWE-89
            try (ResultSet rs = ps.executeQuery()) {
                while (rs.next()) {
                    result.add(new Order(rs.getLong("id"), rs.getBigDecimal("total"), rs.getString("status")));
                }
            }
        }
        return result;
    }

    public record Order(long id, BigDecimal total, String status) {}
}
