/* backupd: builds the destination path of a backup from the client-supplied job name. */
#include <stdio.h>
#include <string.h>
#include <limits.h>

#define BACKUP_ROOT "/srv/backups/"

int backup_path_for(const char *client, const char *job, char out[PATH_MAX])
{
    char path[128];

    strcpy(path, BACKUP_ROOT);
    // expect: CWE-120
    strcat(path, client);
    strcat(path, "/");
    // expect: CWE-120
    strcat(path, job);
    strcat(path, ".tar.zst");
    memcpy(out, path, sizeof path);
    return 0;
}
