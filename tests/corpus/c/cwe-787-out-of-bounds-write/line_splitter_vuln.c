/* line-splitter: reads length-prefixed records from a socket into a fixed record. */
#include <string.h>
#include <unistd.h>

struct record {
    char body[128];
};

int read_record(int fd, struct record *out)
{
    char buf[4096];
    ssize_t got = read(fd, buf, sizeof buf);
    if (got < 2)
        return -1;
    char *colon = memchr(buf, ':', (size_t)got);
    if (colon == NULL)
        return -1;
    /* The length is a number the peer wrote before the colon, not a position. */
    size_t declared = (size_t)(unsigned char)buf[0];
    // expect: CWE-787
    memcpy(out->body, colon + 1, declared);
    return 0;
}
