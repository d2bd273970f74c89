package com.acme.shop.config;

import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;

public final class DataSourceConfig {

    private static final String URL = "jdbc:postgresql://db.prod.acme.internal:5432/shop";
    private static final String USER = "shop_app";
    /** Name of the environment variable, not the secret itself. */
    // expect-not: CWE-798
    private static final String PASSWORD_ENV = "SHOP_DB_PASSWORD";

    private DataSourceConfig() {}

    public static Connection open() throws SQLException {
        String password = System.getenv(PASSWORD_ENV);
        if (password == null) {
            throw new IllegalStateException(PASSWORD_ENV + " is not set");
        }
        // expect-not: CWE-798
        return DriverManager.getConnection(URL, USER, password);
    }
}
