package com.acme.cdn;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.util.regex.Pattern;
import javax.servlet.annotation.WebServlet;
import javax.servlet.http.HttpServlet;
import javax.servlet.http.HttpServletRequest;
import javax.servlet.http.HttpServletResponse;

/** Serves product images from the internal asset store; the client only picks the object key. */
@WebServlet("/img-proxy")
public class ImageProxyServlet extends HttpServlet {

    private static final String ASSET_STORE = "https://assets.internal.acme.example/products/";
    private static final Pattern KEY = Pattern.compile("[0-9a-f]{32}\\.(png|jpg|webp)");

    private final HttpClient client = HttpClient.newHttpClient();

    @Override
    protected void doGet(HttpServletRequest req, HttpServletResponse resp) throws IOException {
        String key = req.getParameter("key");
        if (key == null || !KEY.matcher(key).matches()) {
            resp.sendError(HttpServletResponse.SC_BAD_REQUEST);
            return;
        }
        HttpRequest upstream = HttpRequest.newBuilder(URI.create(ASSET_STORE + key)).GET().build();
        try {
            // expect-not: CWE-918
            HttpResponse<byte[]> r = client.send(upstream, HttpResponse.BodyHandlers.ofByteArray());
            resp.setContentType(r.headers().firstValue("Content-Type").orElse("image/png"));
            resp.getOutputStream().write(r.body());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            resp.sendError(HttpServletResponse.SC_GATEWAY_TIMEOUT);
        }
    }
}
