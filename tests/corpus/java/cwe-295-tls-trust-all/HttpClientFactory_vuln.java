package com.acme.http;

import java.security.GeneralSecurityException;
import javax.net.ssl.SSLContext;
import org.apache.http.conn.ssl.NoopHostnameVerifier;
import org.apache.http.conn.ssl.SSLConnectionSocketFactory;
import org.apache.http.conn.ssl.TrustAllStrategy;
import org.apache.http.impl.client.CloseableHttpClient;
import org.apache.http.impl.client.HttpClients;
import org.apache.http.ssl.SSLContextBuilder;

public final class HttpClientFactory {

    private HttpClientFactory() {}

    public static CloseableHttpClient create() throws GeneralSecurityException {
        // expect: CWE-295
        SSLContext ctx = SSLContextBuilder.create().loadTrustMaterial(TrustAllStrategy.INSTANCE).build();
        // expect: CWE-295
        SSLConnectionSocketFactory sf = new SSLConnectionSocketFactory(ctx, NoopHostnameVerifier.INSTANCE);
        return HttpClients.custom().setSSLSocketFactory(sf).build();
    }
}
