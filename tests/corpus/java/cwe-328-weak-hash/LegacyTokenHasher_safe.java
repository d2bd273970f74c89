package com.acme.accounts.legacy;

import org.apache.commons.codec.digest.DigestUtils;

/** Cache key for rendered product pages: hashing the template path and locale. */
public class LegacyTokenHasher {

    public String cacheKey(String templatePath, String locale) {
        // expect-not: CWE-328
        return DigestUtils.sha256Hex(templatePath + "|" + locale);
    }

    public String shardFor(String customerId) {
        // Non-cryptographic use: spreading customers over 16 shards.
        // expect-not: CWE-328
        return DigestUtils.md5Hex(customerId).substring(0, 1);
    }
}
