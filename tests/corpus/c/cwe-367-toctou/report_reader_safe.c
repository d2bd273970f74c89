/* reportview - setuid helper that shows a user one of their own report files. */
#define _GNU_SOURCE
#include <fcntl.h>
#include <stdio.h>
#include <sys/stat.h>
#include <unistd.h>

int main(int argc, char **argv)
{
    char line[512];
    if (argc != 2)
        return 2;
    /* Open as the real user, so the kernel does the permission check on the same lookup. */
    uid_t saved = geteuid();
    if (seteuid(getuid()) != 0)
        return 1;
    int fd = open(argv[1], O_RDONLY | O_NOFOLLOW);
    if (seteuid(saved) != 0)
        return 1;
    struct stat st;
    if (fd < 0 || fstat(fd, &st) != 0 || !S_ISREG(st.st_mode))
        return 1;
    FILE *f = fdopen(fd, "r");
    if (f == NULL)
        return 1;
    while (fgets(line, sizeof line, f) != NULL)
        fputs(line, stdout);
    fclose(f);
    return 0;
}

int tool_present(void)
{
    // expect-not: CWE-367
    return access("/usr/bin/lpr", X_OK) == 0;
}
