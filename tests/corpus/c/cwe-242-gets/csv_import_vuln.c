/* csvsum - sums the third column of a CSV read from stdin */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#define LINE_MAX_LEN 256

int main(void)
{
    char line[LINE_MAX_LEN];
    double total = 0.0;
    long rows = 0;

    // expect: CWE-242
    while (gets(line) != NULL) {
        char *field = strtok(line, ",");
        for (int i = 0; field != NULL && i < 2; i++)
            field = strtok(NULL, ",");
        if (field != NULL) {
            total += strtod(field, NULL);
            rows++;
        }
    }
    printf("%ld rows, total %.2f\n", rows, total);
    return 0;
}
