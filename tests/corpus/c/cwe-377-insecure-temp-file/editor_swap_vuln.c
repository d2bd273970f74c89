/* tinyed: creates the swap file used for crash recovery. */
#include <fcntl.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

int open_swap_file(char *path_out, size_t size)
{
    char tmpl[] = "/tmp/tinyed-XXXXXX";
    // expect: CWE-377
    if (mktemp(tmpl) == NULL || tmpl[0] == '\0')
        return -1;
    strncpy(path_out, tmpl, size - 1);
    path_out[size - 1] = '\0';
    return open(tmpl, O_RDWR | O_CREAT, 0644);
}

FILE *open_scratch(void)
{
    // expect: CWE-377
    char *name = tempnam("/tmp", "ted");
    FILE *f = fopen(name, "w+");
    free(name);
    return f;
}
