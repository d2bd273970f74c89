/* lbctl: loads the listener list from a config file. */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "listeners.h"

int load_listeners(const char *path, struct listener_set *set)
{
    FILE *f = fopen(path, "r");
    if (f == NULL)
        return -1;
    char *line = malloc(4096);
    if (line == NULL) {
        fclose(f);
        return -1;
    }
    int rc = 0;
    while (fgets(line, 4096, f) != NULL) {
        if (listener_parse(set, line) != 0) {
            rc = -1;
            break;
        }
    }
    fclose(f);
    if (rc != 0)
        fprintf(stderr, "%s: bad listener line\n", path);
    // expect-not: CWE-415
    free(line);
    return rc;
}

void swap_buffer(char **slot, size_t size)
{
    free(*slot);
    *slot = malloc(size);
    // expect-not: CWE-415
    free(*slot);
    *slot = NULL;
}
