package com.acme.gateway;

import java.io.DataInputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.net.Socket;
import javax.servlet.http.HttpServlet;
import javax.servlet.http.HttpServletRequest;
import javax.servlet.http.HttpServletResponse;

/** Streams the page the render backend produced; nothing of the request is echoed. */
public class BackendProxyServlet extends HttpServlet {

    @Override
    protected void doGet(HttpServletRequest req, HttpServletResponse resp) throws IOException {
        try (Socket backend = new Socket("127.0.0.1", 9400)) {
            backend.getOutputStream().write("RENDER home\n".getBytes("US-ASCII"));
            DataInputStream in = new DataInputStream(backend.getInputStream());
            resp.setContentType("text/html");
            OutputStream out = resp.getOutputStream();
            byte[] chunk = new byte[8192];
            int n;
            while ((n = in.read(chunk, 0, chunk.length)) > 0) {
                out.write(chunk, 0, n);
            }
        }
    }
}
