/* lsdev - lists devices; messages come from a translation catalogue file chosen by the
 * LSDEV_CATALOG environment variable, so the "format" is read from a file. */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

static char header_fmt[256] = "%-20s %s\n";

static void load_catalog(void)
{
    const char *path = getenv("LSDEV_CATALOG");
    FILE *f = path ? fopen(path, "r") : NULL;
    if (f == NULL)
        return;
    if (fgets(header_fmt, sizeof header_fmt, f) == NULL)
        strcpy(header_fmt, "%-20s %s\n");
    fclose(f);
}

int main(void)
{
    load_catalog();
    // expect: CWE-134
    printf(header_fmt, "DEVICE", "DRIVER");
    return 0;
}
