/* notify - prints a message to the console and to syslog; used from cron jobs as
 * notify "backup of $DB finished" */
#include <stdio.h>
#include <syslog.h>

int main(int argc, char **argv)
{
    if (argc < 2) {
        fprintf(stderr, "usage: notify MESSAGE\n");
        return 2;
    }
    openlog("notify", LOG_PID, LOG_USER);
    // expect-not: CWE-134
    printf("%s\n", argv[1]);
    // expect-not: CWE-134
    syslog(LOG_NOTICE, "%s", argv[1]);
    closelog();
    return 0;
}
