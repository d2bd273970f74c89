/* tftp-lite: serves read requests for files under the boot directory. */
#define _GNU_SOURCE
#include <fcntl.h>
#include <stdio.h>
#include <string.h>
#include <sys/socket.h>
#include <unistd.h>

static int boot_dir_fd = -1;

int init_boot_dir(void)
{
    boot_dir_fd = open("/srv/tftp", O_RDONLY | O_DIRECTORY);
    return boot_dir_fd < 0 ? -1 : 0;
}

/* Only plain names: no '/', no leading '.', so no "..", no absolute paths. */
static int plain_name(const char *s)
{
    return s[0] != '\0' && s[0] != '.' && strchr(s, '/') == NULL;
}

int open_requested(const unsigned char *pkt, size_t len)
{
    char filename[256];

    /* RRQ: opcode(2) filename NUL mode NUL */
    if (len < 4 || pkt[1] != 1)
        return -1;
    size_t n = strnlen((const char *)pkt + 2, len - 2);
    if (n >= sizeof filename)
        return -1;
    memcpy(filename, pkt + 2, n);
    filename[n] = '\0';
    if (!plain_name(filename))
        return -1;
    // expect-not: CWE-22
    return openat(boot_dir_fd, filename, O_RDONLY | O_NOFOLLOW);
}
