/* line-splitter: reads a socket into a buffer, hands out complete lines and keeps the
 * unfinished tail at the front of the buffer for the next read. */
#include <string.h>
#include <unistd.h>

void emit_line(const char *line, size_t len);

void pump_lines(int fd)
{
    char buf[4096];
    size_t filled = 0;
    ssize_t got;
    while ((got = read(fd, buf + filled, sizeof buf - filled)) > 0) {
        filled += (size_t)got;
        char *nl;
        size_t start = 0;
        while ((nl = memchr(buf + start, '\n', filled - start)) != NULL) {
            size_t end = nl - buf;
            emit_line(buf + start, end - start);
            start = end + 1;
        }
        /* The offset comes from a search inside what was read: the tail moves left. */
        memmove(buf, buf + start, filled - start);
        filled -= start;
        if (filled == sizeof buf)
            filled = 0;
    }
}
