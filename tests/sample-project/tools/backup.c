/* Copies the backup label given on the command line into the header block. */
#include <stdio.h>
#include <string.h>

struct header {
    char label[32];
    long size;
};

int main(int argc, char **argv) {
    struct header h;
    char line[128];
    if (argc < 2) {
        fprintf(stderr, "usage: backup LABEL\n");
        return 2;
    }
    strcpy(h.label, argv[1]);
    snprintf(line, sizeof line, "label=%s", h.label);
    printf(line);
    return 0;
}
