#include <string.h>
#include <unistd.h>

/* Reads a length-prefixed name from the client. */
int read_name(int fd, char *out, size_t out_size) {
    char buf[512];
    unsigned int len;
    if (read(fd, &len, sizeof(len)) != sizeof(len)) return -1;
    if (read(fd, buf, sizeof(buf)) <= 0) return -1;
    if (len > sizeof(buf) || len > out_size - 1) goto invalid;
    /* expect-not: CWE-787 */
    memcpy(out, buf, len);
    out[len] = 0;
    return 0;
invalid:
    return -1;
}
