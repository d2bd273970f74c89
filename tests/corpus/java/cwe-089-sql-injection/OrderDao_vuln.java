package com.acme.shop.dao;

import java.math.BigDecimal;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
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
        StringBuilder sql = new StringBuilder("SELECT id, total, status FROM orders WHERE customer_id = '");
        sql.append(customerId).append("'");
        if (status != null) {
            sql.append(" AND status = '").append(status).append("'");
        }
        List<Order> result = new ArrayList<>();
        try (Connection conn = dataSource.getConnection();
             Statement st = conn.createStatement();
             // expect: CWE-89
             ResultSet rs = st.executeQuery(sql.toString())) {
            while (rs.next()) {
                result.add(new Order(rs.getLong("id"), rs.getBigDecimal("total"), rs.getString("status")));
            }
        }
        return result;
    }

    public record Order(long id, BigDecimal total, String status) {}
}
