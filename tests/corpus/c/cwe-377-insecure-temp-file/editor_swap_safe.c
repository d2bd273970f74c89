/* tinyed: creates the swap file used for crash recovery. */
#include <fcntl.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

int open_swap_file(char *path_out, size_t size)
{
    char tmpl[] = "/tmp/tinyed-XXXXXX";
    // expect-not: CWE-377
    int fd = mkstemp(tmpl);
    if (fd < 0)
        return -1;
    strncpy(path_out, tmpl, size - 1);
    path_out[size - 1] = '\0';
    return fd;
}

FILE *open_scratch(void)
{
    /* Anonymous file, unlinked on creation, opened exclusively by the library. */
    // expect-not: CWE-377
    return tmpfile();
}
