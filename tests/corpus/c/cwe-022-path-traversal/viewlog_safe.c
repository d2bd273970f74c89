/* viewlog - setgid "adm" helper that lets support staff read service logs:
 *   viewlog nginx/access.log */
#define _XOPEN_SOURCE 700
#include <limits.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#define LOG_ROOT "/var/log/"

int main(int argc, char **argv)
{
    char path[512];
    char resolved[PATH_MAX];
    char line[1024];

    if (argc != 2) {
        fprintf(stderr, "usage: viewlog SERVICE/FILE\n");
        return 2;
    }
    snprintf(path, sizeof path, "%s%s", LOG_ROOT, argv[1]);
    if (realpath(path, resolved) == NULL || strncmp(resolved, LOG_ROOT, strlen(LOG_ROOT)) != 0) {
        fprintf(stderr, "viewlog: not a log file\n");
        return 1;
    }
    // expect-not: CWE-22
    FILE *f = fopen(resolved, "r");
    if (f == NULL) {
        perror(resolved);
        return 1;
    }
    while (fgets(line, sizeof line, f) != NULL)
        fputs(line, stdout);
    fclose(f);
    return 0;
}
