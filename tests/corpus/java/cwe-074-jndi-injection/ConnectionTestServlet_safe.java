package com.acme.admin;

import java.io.IOException;
import javax.naming.InitialContext;
import javax.naming.NamingException;
import javax.servlet.http.HttpServlet;
import javax.servlet.http.HttpServletRequest;
import javax.servlet.http.HttpServletResponse;
import javax.sql.DataSource;

/** Admin page button: "test the connection of data source …". */
public class ConnectionTestServlet extends HttpServlet {

    @Override
    protected void doPost(HttpServletRequest req, HttpServletResponse resp) throws IOException {
        String jndiName;
        switch (String.valueOf(req.getParameter("dataSource"))) {
            case "orders":
                jndiName = "java:comp/env/jdbc/orders";
                break;
            case "billing":
                jndiName = "java:comp/env/jdbc/billing";
                break;
            default:
                resp.sendError(HttpServletResponse.SC_BAD_REQUEST, "unknown data source");
                return;
        }
        try {
            InitialContext ctx = new InitialContext();
            // expect-not: CWE-74
            DataSource ds = (DataSource) ctx.lookup(jndiName);
            ds.getConnection().close();
            resp.getWriter().print("ok");
        } catch (NamingException | java.sql.SQLException e) {
            resp.sendError(HttpServletResponse.SC_BAD_GATEWAY, "connection failed");
        }
    }
}
