/* rotate-logs - compresses logs; the directory comes from the environment so the same
 * binary can be used by every service account. */
#include <stdio.h>
#include <stdlib.h>

int main(void)
{
    const char *dir = getenv("LOG_DIR");
    char cmd[512];

    if (dir == NULL)
        dir = "/var/log/acme";
    snprintf(cmd, sizeof cmd, "find %s -name '*.log.1' -exec gzip -9 {} +", dir);
    // expect: CWE-78
    if (system(cmd) != 0) {
        fprintf(stderr, "rotate-logs: gzip failed\n");
        return 1;
    }
    return 0;
}
