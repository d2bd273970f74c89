/* netdiagd: answers "LOOKUP <name>" requests from the LAN with the output of host(1). */
#include <stdio.h>
#include <string.h>
#include <sys/socket.h>
#include <unistd.h>

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
    if (strncmp(req, "LOOKUP ", 7) != 0)
        return;
    snprintf(cmd, sizeof cmd, "host %s", req + 7);
    // expect: CWE-78
    FILE *p = popen(cmd, "r");
    if (p == NULL)
        return;
    while (fgets(line, sizeof line, p) != NULL)
        write(client, line, strlen(line));
    pclose(p);
}
