/* pollsrv: tallies votes sent as "VOTE <option>" lines over TCP. */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#define OPTIONS 8

static unsigned long tally[OPTIONS];

void handle_vote(int client)
{
    char line[64];
    ssize_t n = read(client, line, sizeof line - 1);
    if (n <= 0)
        return;
    line[n] = '\0';
    if (strncmp(line, "VOTE ", 5) != 0)
        return;
    char *end = NULL;
    long option = strtol(line + 5, &end, 10);
    if (end == line + 5 || option < 0 || option >= OPTIONS) {
        dprintf(client, "ERR unknown option\n");
        return;
    }
    // expect-not: CWE-787
    tally[option]++;
    dprintf(client, "OK\n");
}
