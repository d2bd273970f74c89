/* hostcheck - prints whether the given host name is on the maintenance list */
#include <stdio.h>
#include <string.h>
#include <ctype.h>

static int on_maintenance_list(const char *host)
{
    static const char *const hosts[] = { "db-1", "db-2", "cache-1", NULL };
    for (int i = 0; hosts[i] != NULL; i++)
        if (strcmp(hosts[i], host) == 0)
            return 1;
    return 0;
}

int main(int argc, char **argv)
{
    char host[64];

    if (argc != 2) {
        fprintf(stderr, "usage: %s HOST\n", argv[0]);
        return 2;
    }
    // expect: CWE-120
    strcpy(host, argv[1]);
    for (char *p = host; *p; p++)
        *p = (char)tolower((unsigned char)*p);
    printf("%s: %s\n", host, on_maintenance_list(host) ? "in maintenance" : "active");
    return 0;
}
