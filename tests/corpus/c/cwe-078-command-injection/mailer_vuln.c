/* alertmail - mails an alert to an address; invoked by the monitoring web UI's CGI
 * wrapper as: alertmail ADDRESS SUBJECT */
#include <stdio.h>
#include <stdlib.h>

int main(int argc, char **argv)
{
    char cmd[1024];

    if (argc != 3) {
        fprintf(stderr, "usage: alertmail ADDRESS SUBJECT\n");
        return 2;
    }
    snprintf(cmd, sizeof cmd, "mail -s '%s' %s < /var/spool/alerts/current", argv[2], argv[1]);
    // expect: CWE-78
    return system(cmd) == 0 ? 0 : 1;
}
