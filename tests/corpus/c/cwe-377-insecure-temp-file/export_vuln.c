/* exportdb - writes a CSV export to a temporary file, then moves it into place. */
#include <stdio.h>
#include <stdlib.h>

#include "db.h"

int export_table(const char *table, const char *dest)
{
    char name[L_tmpnam];
    // expect: CWE-377
    if (tmpnam(name) == NULL)
        return -1;
    FILE *out = fopen(name, "w");
    if (out == NULL)
        return -1;
    int rc = db_dump_csv(table, out);
    fclose(out);
    if (rc != 0 || rename(name, dest) != 0) {
        remove(name);
        return -1;
    }
    return 0;
}
