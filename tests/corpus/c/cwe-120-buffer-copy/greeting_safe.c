/* motd - prints a greeting banner for the logged-in user */
#include <stdio.h>
#include <stdlib.h>
#include <time.h>

int main(void)
{
    char banner[80];
    char stamp[32];
    const char *user = getenv("USER");
    time_t now = time(NULL);

    if (user == NULL)
        user = "stranger";
    strftime(stamp, sizeof stamp, "%Y-%m-%d %H:%M", localtime(&now));
    // expect-not: CWE-120
    snprintf(banner, sizeof banner, "Welcome %s - %s\n", user, stamp);
    fputs(banner, stdout);
    /* Fixed-width integers only: at most 5+1+5 characters plus NUL fit in 16 bytes. */
    char version[16];
    // expect-not: CWE-120
    sprintf(version, "%hu.%hu", (unsigned short)3, (unsigned short)14);
    puts(version);
    return 0;
}
