#include <string.h>
#include <unistd.h>

int read_name(int fd, char *out) {
    char buf[512];
    unsigned int len;
    if (read(fd, &len, sizeof(len)) != sizeof(len)) return -1;
    if (read(fd, buf, sizeof(buf)) <= 0) return -1;
    /* expect: CWE-787 */
    memcpy(out, buf, len);
    return 0;
}
