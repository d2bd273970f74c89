/* tftp-lite: serves read requests for files under the boot directory. */
#include <fcntl.h>
#include <stdio.h>
#include <string.h>
#include <sys/socket.h>
#include <unistd.h>

#define BOOT_DIR "/srv/tftp"

int open_requested(const unsigned char *pkt, size_t len)
{
    char filename[256];
    char path[512];

    /* RRQ: opcode(2) filename NUL mode NUL */
    if (len < 4 || pkt[1] != 1)
        return -1;
    size_t n = strnlen((const char *)pkt + 2, len - 2);
    if (n >= sizeof filename)
        return -1;
    memcpy(filename, pkt + 2, n);
    filename[n] = '\0';
    snprintf(path, sizeof path, "%s/%s", BOOT_DIR, filename);
    // expect: CWE-22
    return open(path, O_RDONLY);
}
