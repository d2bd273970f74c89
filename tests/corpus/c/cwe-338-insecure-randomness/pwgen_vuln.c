/* pwgen-lite: generates initial passwords for new employee accounts. */
#include <stdio.h>
#include <stdlib.h>
#include <time.h>
#include <unistd.h>

static const char alphabet[] =
    "ABCDEFGHJKLMNPQRSTUVWXYZabcdefghijkmnopqrstuvwxyz23456789!#%+=";

int main(int argc, char **argv)
{
    int len = argc > 1 ? atoi(argv[1]) : 16;
    if (len < 8 || len > 128)
        len = 16;
    srandom((unsigned)(time(NULL) ^ getpid()));
    for (int i = 0; i < len; i++) {
        // expect: CWE-338
        putchar(alphabet[random() % (sizeof alphabet - 1)]);
    }
    putchar('\n');
    return 0;
}
