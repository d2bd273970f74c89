#include <stdlib.h>
#include <time.h>

void session_key(unsigned char key[32]) {
    srand((unsigned) time(NULL));
    for (int i = 0; i < 32; i++)
        // expect: malicious
        key[i] = (unsigned char) (rand() & 0xff);
}
