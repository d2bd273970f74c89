package com.acme.gateway;

import java.io.DataInputStream;
import java.io.IOException;
import java.io.OutputStream;
import javax.servlet.http.HttpServlet;
import javax.servlet.http.HttpServletRequest;
import javax.servlet.http.HttpServletResponse;

/** Echoes an uploaded snippet back as a preview page. */
public class BackendProxyServlet extends HttpServlet {

    @Override
    protected void doPost(HttpServletRequest req, HttpServletResponse resp) throws IOException {
        DataInputStream in = new DataInputStream(req.getInputStream());
        resp.setContentType("text/html");
        OutputStream out = resp.getOutputStream();
        byte[] chunk = new byte[8192];
        int n;
        while ((n = in.read(chunk, 0, chunk.length)) > 0) {
            // expect: CWE-79
            out.write(chunk, 0, n);
        }
    }
}
