package com.acme.shop.config;

import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;

public final class DataSourceConfig {

    private static final String URL = "jdbc:postgresql://db.prod.acme.internal:5432/shop";
    private static final String USER = "shop_app";
    // expect: CWE-798
    private static final String PASSWORD = "Sh0p!Prod#2024";

    private DataSourceConfig() {}

    public static Connection open() throws SQLException {
        return DriverManager.getConnection(URL, USER, PASSWORD);
    }

    public static Connection openReporting() throws SQLException {
        // expect: CWE-798
        return DriverManager.getConnection("jdbc:postgresql://db-ro.prod.acme.internal/shop", "reporting", "r3p0rt1ng-ro");
    }
}
