/* csvsum - sums the third column of a CSV read from stdin */
#define _POSIX_C_SOURCE 200809L
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

int main(void)
{
    char *line = NULL;
    size_t cap = 0;
    double total = 0.0;
    long rows = 0;

    /* getline grows the buffer as needed. */
    // expect-not: CWE-242
    while (getline(&line, &cap, stdin) != -1) {
        char *save = NULL;
        char *field = strtok_r(line, ",", &save);
        for (int i = 0; field != NULL && i < 2; i++)
            field = strtok_r(NULL, ",", &save);
        if (field != NULL) {
            total += strtod(field, NULL);
            rows++;
        }
    }
    free(line);
    printf("%ld rows, total %.2f\n", rows, total);
    return 0;
}
