/* user_record.h - shared between the directory sync daemon and its CLI. */
#ifndef USER_RECORD_H
#define USER_RECORD_H

#include <stdio.h>
#include <string.h>

struct user_record {
    char login[32];
    char display_name[64];
    char shell[32];
};

/* Values come straight from the remote directory's LDIF export; over-long values are
 * rejected rather than silently truncated. */
static inline int user_record_set(struct user_record *u, const char *login,
                                  const char *display_name, const char *shell)
{
    if (strlen(login) >= sizeof u->login || strlen(display_name) >= sizeof u->display_name)
        return -1;
    // expect-not: CWE-120
    memcpy(u->login, login, strlen(login) + 1);
    // expect-not: CWE-120
    snprintf(u->display_name, sizeof u->display_name, "%s", display_name);
    // expect-not: CWE-120
    strcpy(u->shell, "/bin/sh");
    (void)shell;
    return 0;
}

#endif /* USER_RECORD_H */
