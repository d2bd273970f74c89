/* backupd: builds the destination path of a backup from the client-supplied job name. */
#include <stdio.h>
#include <string.h>
#include <limits.h>

#define BACKUP_ROOT "/srv/backups/"

int backup_path_for(const char *client, const char *job, char out[PATH_MAX])
{
    char path[128];

    if (client == NULL || job == NULL) {
        /* Constant source, 30 bytes, into a PATH_MAX buffer. */
        // expect-not: CWE-120
        strcpy(out, BACKUP_ROOT "unassigned.tar.zst");
        return 0;
    }
    // expect-not: CWE-120
    int n = snprintf(path, sizeof path, "%s%s/%s.tar.zst", BACKUP_ROOT, client, job);
    if (n < 0 || (size_t)n >= sizeof path)
        return -1;
    memcpy(out, path, (size_t)n + 1);
    return 0;
}
