/* viewlog - setgid "adm" helper that lets support staff read service logs:
 *   viewlog nginx/access.log */
#include <stdio.h>
#include <string.h>

#define LOG_ROOT "/var/log/"

int main(int argc, char **argv)
{
    char path[512];
    char line[1024];

    if (argc != 2) {
        fprintf(stderr, "usage: viewlog SERVICE/FILE\n");
        return 2;
    }
    snprintf(path, sizeof path, "%s%s", LOG_ROOT, argv[1]);
    // expect: CWE-22
    FILE *f = fopen(path, "r");
    if (f == NULL) {
        perror(path);
        return 1;
    }
    while (fgets(line, sizeof line, f) != NULL)
        fputs(line, stdout);
    fclose(f);
    return 0;
}
