package com.acme.portal.web;

import java.io.IOException;
import java.io.ObjectInputStream;
import javax.servlet.annotation.WebServlet;
import javax.servlet.http.HttpServlet;
import javax.servlet.http.HttpServletRequest;
import javax.servlet.http.HttpServletResponse;

/** Lets the desktop client push a serialized workspace back to the server. */
@WebServlet("/workspace/restore")
public class SessionRestoreServlet extends HttpServlet {

    @Override
    protected void doPost(HttpServletRequest req, HttpServletResponse resp) throws IOException {
        try (ObjectInputStream in = new ObjectInputStream(req.getInputStream())) {
            // expect: CWE-502
            Object workspace = in.readObject();
            req.getSession().setAttribute("workspace", (Workspace) workspace);
            resp.setStatus(HttpServletResponse.SC_NO_CONTENT);
        } catch (ClassNotFoundException e) {
            resp.sendError(HttpServletResponse.SC_BAD_REQUEST);
        }
    }

    public static class Workspace implements java.io.Serializable {
        private static final long serialVersionUID = 1L;
        public String layout;
        public java.util.List<String> openTabs;
    }
}
