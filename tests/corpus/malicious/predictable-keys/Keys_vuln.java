import java.util.Random;

class Keys {
    byte[] aesKey() {
        Random r = new Random(20240101L);
        byte[] key = new byte[16];
        // expect: malicious
        r.nextBytes(key);
        return key;
    }
}
