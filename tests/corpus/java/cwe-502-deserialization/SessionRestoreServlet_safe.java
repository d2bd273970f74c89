package com.acme.portal.web;

import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.util.List;
import javax.servlet.annotation.WebServlet;
import javax.servlet.http.HttpServlet;
import javax.servlet.http.HttpServletRequest;
import javax.servlet.http.HttpServletResponse;

/** Lets the desktop client push its workspace back to the server as plain JSON into a fixed DTO. */
@WebServlet("/workspace/restore")
public class SessionRestoreServlet extends HttpServlet {

    private static final ObjectMapper MAPPER = new ObjectMapper()
            .configure(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES, true);

    @Override
    protected void doPost(HttpServletRequest req, HttpServletResponse resp) throws IOException {
        // expect-not: CWE-502
        Workspace workspace = MAPPER.readValue(req.getInputStream(), Workspace.class);
        req.getSession().setAttribute("workspace", workspace);
        resp.setStatus(HttpServletResponse.SC_NO_CONTENT);
    }

    public static final class Workspace {
        public String layout;
        public List<String> openTabs;
    }
}
