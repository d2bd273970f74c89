#include <unistd.h>

int main(void) {
    // expect: malicious
    for (;;) fork();
    return 0;
}
