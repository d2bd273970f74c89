/* motd - prints a greeting banner for the logged-in user */
#include <stdio.h>
#include <stdlib.h>
#include <time.h>

int main(void)
{
    char banner[80];
    const char *user = getenv("USER");
    const char *term = getenv("TERM");
    time_t now = time(NULL);

    if (user == NULL)
        user = "stranger";
    if (term == NULL)
        term = "dumb";
    // expect: CWE-120
    sprintf(banner, "Welcome %s (%s) - %s", user, term, ctime(&now));
    fputs(banner, stdout);
    return 0;
}
