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
    close(s->fd);
    free(s->nick);
    free(s);
    // expect: CWE-416
    fprintf(log, "session %u closed\n", s->id);
}

void session_drop_nick(struct session *s)
{
    char *old = s->nick;
    free(old);
    // expect: CWE-416
    puts(old);
}
