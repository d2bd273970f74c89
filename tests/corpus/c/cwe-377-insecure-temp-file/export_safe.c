/* exportdb - writes a CSV export to a temporary file, then moves it into place. */
#include <stdio.h>
#include <stdlib.h>
#include <unistd.h>

#include "db.h"

int export_table(const char *table, const char *dest)
{
    char name[] = "/var/lib/exportdb/tmp/export-XXXXXX";
    // expect-not: CWE-377
    int fd = mkstemp(name);
    if (fd < 0)
        return -1;
    FILE *out = fdopen(fd, "w");
    if (out == NULL) {
        close(fd);
        unlink(name);
        return -1;
    }
    int rc = db_dump_csv(table, out);
    fclose(out);
    if (rc != 0 || rename(name, dest) != 0) {
        unlink(name);
        return -1;
    }
    return 0;
}
