package com.acme.accounts.legacy;

import org.apache.commons.codec.digest.DigestUtils;

/** Password check kept for accounts migrated from the old shop. */
public class LegacyTokenHasher {

    public boolean matches(String password, String storedHash) {
        // expect: CWE-328
        return DigestUtils.md5Hex(password).equalsIgnoreCase(storedHash);
    }
}
