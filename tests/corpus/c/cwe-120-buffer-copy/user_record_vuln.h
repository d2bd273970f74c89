/* user_record.h - shared between the directory sync daemon and its CLI. */
#ifndef USER_RECORD_H
#define USER_RECORD_H

#include <string.h>

struct user_record {
    char login[32];
    char display_name[64];
    char shell[32];
};

/* Values come straight from the remote directory's LDIF export. */
static inline void user_record_set(struct user_record *u, const char *login,
                                   const char *display_name, const char *shell)
{
    // expect: CWE-120
    strcpy(u->login, login);
    // expect: CWE-120
    strcpy(u->display_name, display_name);
    // expect-not: CWE-120
    strcpy(u->shell, shell != NULL ? shell : "/bin/sh");
}

#endif /* USER_RECORD_H */
