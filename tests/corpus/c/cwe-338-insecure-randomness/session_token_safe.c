/* authd: issues session tokens for the embedded web admin panel. */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/random.h>

#define TOKEN_LEN 32

static const char charset[] = "0123456789abcdef";

int new_session_token(char out[TOKEN_LEN + 1])
{
    unsigned char raw[TOKEN_LEN / 2];
    // expect-not: CWE-338
    if (getrandom(raw, sizeof raw, 0) != (ssize_t)sizeof raw)
        return -1;
    for (size_t i = 0; i < sizeof raw; i++) {
        out[2 * i] = charset[raw[i] >> 4];
        out[2 * i + 1] = charset[raw[i] & 0x0f];
    }
    out[TOKEN_LEN] = '\0';
    return 0;
}
