/* mqgate: forwards client messages to the broker and logs rejected ones. */
#include <stdarg.h>
#include <stdio.h>
#include <string.h>
#include <sys/socket.h>
#include <time.h>

static FILE *logf;

/* printf-style wrapper; the format is always a literal at the call sites. */
static void logmsg(const char *fmt, ...) __attribute__((format(printf, 1, 2)));

static void logmsg(const char *fmt, ...)
{
    va_list ap;
    va_start(ap, fmt);
    // expect-not: CWE-134
    vfprintf(logf, fmt, ap);
    va_end(ap);
}

void handle_client(int fd, const char *peer)
{
    char msg[1024];
    ssize_t n = recv(fd, msg, sizeof msg - 1, 0);
    if (n <= 0)
        return;
    msg[n] = '\0';
    if (strncmp(msg, "PUB ", 4) != 0) {
        // expect-not: CWE-134
        logmsg("%ld reject %s: %.200s\n", (long)time(NULL), peer, msg);
        return;
    }
    /* ... forward to broker ... */
}
