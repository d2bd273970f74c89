/* smtp-relay: copies the envelope sender out of the MAIL FROM command. */
#include <stdio.h>
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
    size_t len = (size_t)(gt - lt - 1);
    if (len >= sizeof env->sender)
        return -1;
    // expect-not: CWE-120
    memcpy(env->sender, lt + 1, len);
    env->sender[len] = '\0';
    return 0;
}

int parse_helo(struct envelope *env, const char *line)
{
    // expect-not: CWE-120
    int n = snprintf(env->helo, sizeof env->helo, "%s", line + 5);
    return (n < 0 || (size_t)n >= sizeof env->helo) ? -1 : 0;
}
