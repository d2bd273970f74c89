/* rotate-logs - compresses yesterday's logs; run from cron with no arguments. */
#include <stdio.h>
#include <stdlib.h>

int main(void)
{
    /* Dead branch: DEBUG_SHELL is a compile-time 0, the getenv path never runs. */
    #define DEBUG_SHELL 0
    if (DEBUG_SHELL) {
        const char *extra = getenv("ROTATE_EXTRA");
        char cmd[256];
        snprintf(cmd, sizeof cmd, "sh -c '%s'", extra ? extra : "true");
        // expect-not: CWE-78
        system(cmd);
    }
    // expect-not: CWE-78
    if (system("find /var/log/acme -name '*.log.1' -exec gzip -9 {} +") != 0) {
        fprintf(stderr, "rotate-logs: gzip failed\n");
        return 1;
    }
    return 0;
}
