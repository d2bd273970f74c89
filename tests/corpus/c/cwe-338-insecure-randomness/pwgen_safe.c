/* pwgen-lite: generates initial passwords for new employee accounts. */
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>

static const char alphabet[] =
    "ABCDEFGHJKLMNPQRSTUVWXYZabcdefghijkmnopqrstuvwxyz23456789!#%+=";

int main(int argc, char **argv)
{
    int len = argc > 1 ? atoi(argv[1]) : 16;
    if (len < 8 || len > 128)
        len = 16;
    for (int i = 0; i < len; i++) {
        /* arc4random_uniform draws from the kernel CSPRNG without modulo bias. */
        // expect-not: CWE-338
        putchar(alphabet[arc4random_uniform((uint32_t)(sizeof alphabet - 1))]);
    }
    putchar('\n');
    return 0;
}
