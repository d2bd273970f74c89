/* netdiagd: answers "LOOKUP <name>" requests from the LAN with the output of host(1). */
#include <ctype.h>
#include <stdio.h>
#include <string.h>
#include <sys/socket.h>
#include <unistd.h>

/* RFC 1123 host names: letters, digits, '-' and '.', not starting with '-'. */
static int valid_hostname(const char *s)
{
    size_t len = strlen(s);
    if (len == 0 || len > 253 || s[0] == '-')
        return 0;
    for (; *s; s++)
        if (!isalnum((unsigned char)*s) && *s != '-' && *s != '.')
            return 0;
    return 1;
}

void serve_lookup(int client)
{
    char req[256];
    char cmd[320];
    char line[256];

    ssize_t n = read(client, req, sizeof req - 1);
    if (n <= 0)
        return;
    req[n] = '\0';
    req[strcspn(req, "\r\n")] = '\0';
    if (strncmp(req, "LOOKUP ", 7) != 0 || !valid_hostname(req + 7))
        return;
    snprintf(cmd, sizeof cmd, "host %s", req + 7);
    // expect-not: CWE-78
    FILE *p = popen(cmd, "r");
    if (p == NULL)
        return;
    while (fgets(line, sizeof line, p) != NULL)
        write(client, line, strlen(line));
    pclose(p);
}
