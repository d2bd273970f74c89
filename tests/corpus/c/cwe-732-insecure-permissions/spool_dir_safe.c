/* printd: prepares the spool directory and the control socket at start-up. */
#include <fcntl.h>
#include <sys/stat.h>
#include <sys/types.h>
#include <unistd.h>

int prepare_spool(gid_t lp_group)
{
    /* Sticky, group-writable: users of group lp can add jobs but not remove others'. */
    // expect-not: CWE-732
    if (mkdir("/var/spool/printd", 01770) != 0)
        return -1;
    if (chown("/var/spool/printd", 0, lp_group) != 0)
        return -1;
    // expect-not: CWE-732
    int fd = open("/var/spool/printd/queue.db", O_CREAT | O_RDWR, 0640);
    if (fd < 0)
        return -1;
    close(fd);
    return 0;
}
