/* reportview - setuid helper that shows a user one of their own report files. */
#include <stdio.h>
#include <unistd.h>

int main(int argc, char **argv)
{
    char line[512];
    if (argc != 2)
        return 2;
    /* access() checks the *real* uid, so the user must be able to read the file. */
    // expect: CWE-367
    if (access(argv[1], R_OK) != 0) {
        perror(argv[1]);
        return 1;
    }
    FILE *f = fopen(argv[1], "r");
    if (f == NULL)
        return 1;
    while (fgets(line, sizeof line, f) != NULL)
        fputs(line, stdout);
    fclose(f);
    return 0;
}
