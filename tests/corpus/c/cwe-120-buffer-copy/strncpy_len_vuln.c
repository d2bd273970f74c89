/* smtp-relay: copies the envelope sender out of the MAIL FROM command. */
#include <string.h>

#define ADDR_MAX 254

struct envelope {
    char sender[ADDR_MAX + 1];
    char helo[64];
};

int parse_mail_from(struct envelope *env, const char *line)
{
    const char *lt = strchr(line, '<');
    const char *gt = lt ? strchr(lt, '>') : NULL;
    if (lt == NULL || gt == NULL)
        return -1;
    /* Bounded by the *source* length, not by the destination size. */
    // expect: CWE-120
    strncpy(env->sender, lt + 1, (size_t)(gt - lt - 1));
    env->sender[gt - lt - 1] = '\0';
    return 0;
}

int parse_helo(struct envelope *env, const char *line)
{
    // expect: CWE-120
    memcpy(env->helo, line + 5, strlen(line + 5) + 1);
    return 0;
}
