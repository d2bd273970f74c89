package com.acme.partners;

import java.io.IOException;
import java.io.InputStream;
import java.net.URL;
import java.security.GeneralSecurityException;
import java.security.cert.X509Certificate;
import javax.net.ssl.HttpsURLConnection;
import javax.net.ssl.SSLContext;
import javax.net.ssl.TrustManager;
import javax.net.ssl.X509TrustManager;

/** Client for the partner inventory API (their staging box has a self-signed cert). */
public class PartnerApiClient {

    private final SSLContext sslContext;

    public PartnerApiClient() throws GeneralSecurityException {
        TrustManager[] trustEverything = new TrustManager[] {
            new X509TrustManager() {
                @Override
                public void checkClientTrusted(X509Certificate[] chain, String authType) {}

                @Override
                // expect: CWE-295
                public void checkServerTrusted(X509Certificate[] chain, String authType) {}

                @Override
                public X509Certificate[] getAcceptedIssuers() {
                    return new X509Certificate[0];
                }
            }
        };
        sslContext = SSLContext.getInstance("TLS");
        sslContext.init(null, trustEverything, null);
    }

    public byte[] fetchInventory(String partnerUrl) throws IOException {
        HttpsURLConnection conn = (HttpsURLConnection) new URL(partnerUrl).openConnection();
        conn.setSSLSocketFactory(sslContext.getSocketFactory());
        // expect: CWE-295
        conn.setHostnameVerifier((hostname, session) -> true);
        try (InputStream in = conn.getInputStream()) {
            return in.readAllBytes();
        }
    }
}
