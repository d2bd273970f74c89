package com.acme.cdn;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import javax.servlet.annotation.WebServlet;
import javax.servlet.http.HttpServlet;
import javax.servlet.http.HttpServletRequest;
import javax.servlet.http.HttpServletResponse;

@WebServlet("/img-proxy")
public class ImageProxyServlet extends HttpServlet {

    private final HttpClient client = HttpClient.newHttpClient();

    @Override
    protected void doGet(HttpServletRequest req, HttpServletResponse resp) throws IOException {
        String src = req.getParameter("src");
        HttpRequest upstream = HttpRequest.newBuilder(URI.create(src)).GET().build();
        try {
            // expect: CWE-918
            HttpResponse<byte[]> r = client.send(upstream, HttpResponse.BodyHandlers.ofByteArray());
            resp.setContentType(r.headers().firstValue("Content-Type").orElse("image/png"));
            resp.getOutputStream().write(r.body());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            resp.sendError(HttpServletResponse.SC_GATEWAY_TIMEOUT);
        }
    }
}
