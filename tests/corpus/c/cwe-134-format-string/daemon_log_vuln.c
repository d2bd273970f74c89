/* mqgate: forwards client messages to the broker and logs rejected ones. */
#include <stdarg.h>
#include <stdio.h>
#include <string.h>
#include <sys/socket.h>
#include <time.h>

static FILE *logf;

static void log_reject(const char *client, const char *reason)
{
    char line[512];
    time_t now = time(NULL);
    snprintf(line, sizeof line, "%ld reject %s: %s\n", (long)now, client, reason);
    // expect: CWE-134
    fprintf(logf, line);
}

void handle_client(int fd, const char *peer)
{
    char msg[1024];
    ssize_t n = recv(fd, msg, sizeof msg - 1, 0);
    if (n <= 0)
        return;
    msg[n] = '\0';
    if (strncmp(msg, "PUB ", 4) != 0) {
        log_reject(peer, msg);
        return;
    }
    /* ... forward to broker ... */
}
