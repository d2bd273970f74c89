package com.acme.backup;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.security.GeneralSecurityException;
import javax.crypto.Cipher;
import javax.crypto.CipherOutputStream;
import javax.crypto.spec.SecretKeySpec;

/** Encrypts nightly database dumps before upload. */
public class BackupEncryptor {

    private final byte[] key;

    public BackupEncryptor(byte[] key) {
        this.key = key.clone();
    }

    public void encrypt(InputStream dump, OutputStream upload) throws IOException, GeneralSecurityException {
        // "AES" alone means AES/ECB/PKCS5Padding on the default provider.
        // expect: CWE-327
        Cipher c = Cipher.getInstance("AES");
        c.init(Cipher.ENCRYPT_MODE, new SecretKeySpec(key, "AES"));
        try (OutputStream out = new CipherOutputStream(upload, c)) {
            dump.transferTo(out);
        }
    }

    public void encryptLegacy(InputStream dump, OutputStream upload) throws IOException, GeneralSecurityException {
        // expect: CWE-327
        Cipher rc4 = Cipher.getInstance("RC4");
        rc4.init(Cipher.ENCRYPT_MODE, new SecretKeySpec(key, "RC4"));
        try (OutputStream out = new CipherOutputStream(upload, rc4)) {
            dump.transferTo(out);
        }
    }
}
