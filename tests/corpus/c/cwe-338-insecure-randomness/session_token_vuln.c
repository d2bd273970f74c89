/* authd: issues session tokens for the embedded web admin panel. */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

#define TOKEN_LEN 32

static const char charset[] = "0123456789abcdef";

void new_session_token(char out[TOKEN_LEN + 1])
{
    srand((unsigned)time(NULL));
    for (int i = 0; i < TOKEN_LEN; i++) {
        // expect: CWE-338
        out[i] = charset[rand() % 16];
    }
    out[TOKEN_LEN] = '\0';
}
