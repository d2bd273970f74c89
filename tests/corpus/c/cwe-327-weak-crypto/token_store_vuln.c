/* kioskd: stores operator PINs and encrypts the offline transaction journal. */
#include <openssl/evp.h>
#include <openssl/md5.h>
#include <string.h>

void pin_hash(const char *pin, unsigned char out[MD5_DIGEST_LENGTH])
{
    // expect: CWE-327
    MD5((const unsigned char *)pin, strlen(pin), out);
}

int journal_encrypt_init(EVP_CIPHER_CTX *ctx, const unsigned char key[24], const unsigned char iv[8])
{
    // expect: CWE-327
    return EVP_EncryptInit_ex(ctx, EVP_des_ede3_cbc(), NULL, key, iv);
}
