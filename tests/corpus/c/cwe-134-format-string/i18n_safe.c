/* lsdev - lists devices; column titles come from a translation catalogue file chosen by
 * the LSDEV_CATALOG environment variable, but only as data, never as a format. */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

static char title_device[64] = "DEVICE";

static void load_catalog(void)
{
    const char *path = getenv("LSDEV_CATALOG");
    FILE *f = path ? fopen(path, "r") : NULL;
    if (f == NULL)
        return;
    if (fgets(title_device, sizeof title_device, f) != NULL)
        title_device[strcspn(title_device, "\n")] = '\0';
    fclose(f);
}

int main(void)
{
    static const char header_fmt[] = "%-20s %s\n";
    load_catalog();
    // expect-not: CWE-134
    printf(header_fmt, title_device, "DRIVER");
    // expect-not: CWE-134
    fputs(title_device, stdout);
    return 0;
}
