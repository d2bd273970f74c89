package com.acme.backup;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.security.GeneralSecurityException;
import java.security.SecureRandom;
import javax.crypto.Cipher;
import javax.crypto.CipherOutputStream;
import javax.crypto.spec.IvParameterSpec;
import javax.crypto.spec.SecretKeySpec;

/** Encrypts nightly database dumps before upload with ChaCha20-Poly1305. */
public class BackupEncryptor {

    private static final SecureRandom RNG = new SecureRandom();

    private final byte[] key;

    public BackupEncryptor(byte[] key) {
        this.key = key.clone();
    }

    public void encrypt(InputStream dump, OutputStream upload) throws IOException, GeneralSecurityException {
        byte[] nonce = new byte[12];
        RNG.nextBytes(nonce);
        upload.write(nonce);
        // expect-not: CWE-327
        Cipher c = Cipher.getInstance("ChaCha20-Poly1305");
        c.init(Cipher.ENCRYPT_MODE, new SecretKeySpec(key, "ChaCha20"), new IvParameterSpec(nonce));
        try (OutputStream out = new CipherOutputStream(upload, c)) {
            dump.transferTo(out);
        }
    }
}
