package com.acme.http;

import java.io.File;
import java.io.IOException;
import java.security.GeneralSecurityException;
import javax.net.ssl.SSLContext;
import org.apache.http.conn.ssl.DefaultHostnameVerifier;
import org.apache.http.conn.ssl.SSLConnectionSocketFactory;
import org.apache.http.impl.client.CloseableHttpClient;
import org.apache.http.impl.client.HttpClients;
import org.apache.http.ssl.SSLContextBuilder;

public final class HttpClientFactory {

    private HttpClientFactory() {}

    public static CloseableHttpClient create(File internalCaStore, char[] password)
            throws GeneralSecurityException, IOException {
        // expect-not: CWE-295
        SSLContext ctx = SSLContextBuilder.create().loadTrustMaterial(internalCaStore, password).build();
        // expect-not: CWE-295
        SSLConnectionSocketFactory sf = new SSLConnectionSocketFactory(ctx, new DefaultHostnameVerifier());
        return HttpClients.custom().setSSLSocketFactory(sf).build();
    }
}
