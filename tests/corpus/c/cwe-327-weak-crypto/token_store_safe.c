/* kioskd: stores operator PINs and encrypts the offline transaction journal. */
#include <openssl/evp.h>
#include <string.h>

int pin_hash(const char *pin, const unsigned char salt[16], unsigned char out[32])
{
    // expect-not: CWE-327
    return PKCS5_PBKDF2_HMAC(pin, (int)strlen(pin), salt, 16, 310000, EVP_sha256(), 32, out);
}

int journal_encrypt_init(EVP_CIPHER_CTX *ctx, const unsigned char key[32], const unsigned char nonce[12])
{
    // expect-not: CWE-327
    return EVP_EncryptInit_ex(ctx, EVP_aes_256_gcm(), NULL, key, nonce);
}
