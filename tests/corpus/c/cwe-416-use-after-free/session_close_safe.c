/* chatd: tears down a client session when the socket closes. */
#include <stdio.h>
#include <stdlib.h>
#include <unistd.h>

struct session {
    int fd;
    unsigned id;
    char *nick;
};

void session_close(struct session *s, FILE *log)
{
    unsigned id = s->id;
    close(s->fd);
    free(s->nick);
    free(s);
    // expect-not: CWE-416
    fprintf(log, "session %u closed\n", id);
}

void session_drop_nick(struct session *s)
{
    char *old = s->nick;
    // expect-not: CWE-416
    puts(old);
    free(old);
    s->nick = NULL;
}
