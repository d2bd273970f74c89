/* alertmail - mails an alert to an address; invoked by the monitoring web UI's CGI
 * wrapper as: alertmail ADDRESS SUBJECT */
#include <fcntl.h>
#include <stdio.h>
#include <stdlib.h>
#include <sys/wait.h>
#include <unistd.h>

int main(int argc, char **argv)
{
    if (argc != 3) {
        fprintf(stderr, "usage: alertmail ADDRESS SUBJECT\n");
        return 2;
    }
    int in = open("/var/spool/alerts/current", O_RDONLY);
    if (in < 0)
        return 1;
    pid_t pid = fork();
    if (pid == 0) {
        dup2(in, STDIN_FILENO);
        char *const args[] = { "mail", "-s", argv[2], "--", argv[1], NULL };
        // expect-not: CWE-78
        execvp("mail", args);
        _exit(127);
    }
    int status = 0;
    waitpid(pid, &status, 0);
    /* Constant command line, nothing from the caller. */
    // expect-not: CWE-78
    system("logger -t alertmail sent");
    return WIFEXITED(status) && WEXITSTATUS(status) == 0 ? 0 : 1;
}
