/* printd: prepares the spool directory and the control socket at start-up. */
#include <fcntl.h>
#include <sys/stat.h>
#include <sys/types.h>
#include <unistd.h>

int prepare_spool(void)
{
    /* Print jobs are dropped here by every user's lpr. */
    if (mkdir("/var/spool/printd", 0755) != 0)
        return -1;
    // expect: CWE-732
    if (chmod("/var/spool/printd", 0777) != 0)
        return -1;
    /* Every file printd creates from now on keeps the modes it asks for. */
    // expect: CWE-732
    umask(0);
    int fd = open("/var/spool/printd/queue.db", O_CREAT | O_RDWR, 0666);
    if (fd < 0)
        return -1;
    close(fd);
    return 0;
}
