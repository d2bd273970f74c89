package com.acme.partners;

import java.io.IOException;
import java.io.InputStream;
import java.net.URL;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.GeneralSecurityException;
import java.security.KeyStore;
import javax.net.ssl.HttpsURLConnection;
import javax.net.ssl.SSLContext;
import javax.net.ssl.TrustManagerFactory;

/** Client for the partner inventory API; their private CA is pinned in a dedicated trust store. */
public class PartnerApiClient {

    private final SSLContext sslContext;

    public PartnerApiClient(Path trustStore, char[] storePassword) throws GeneralSecurityException, IOException {
        KeyStore ks = KeyStore.getInstance("PKCS12");
        try (InputStream in = Files.newInputStream(trustStore)) {
            ks.load(in, storePassword);
        }
        TrustManagerFactory tmf = TrustManagerFactory.getInstance(TrustManagerFactory.getDefaultAlgorithm());
        tmf.init(ks);
        sslContext = SSLContext.getInstance("TLSv1.3");
        // expect-not: CWE-295
        sslContext.init(null, tmf.getTrustManagers(), null);
    }

    public byte[] fetchInventory(String partnerUrl) throws IOException {
        HttpsURLConnection conn = (HttpsURLConnection) new URL(partnerUrl).openConnection();
        // expect-not: CWE-295
        conn.setSSLSocketFactory(sslContext.getSocketFactory());
        try (InputStream in = conn.getInputStream()) {
            return in.readAllBytes();
        }
    }
}
