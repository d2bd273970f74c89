/* chpin - change the PIN of a door-access badge (runs on the badge enrolment kiosk) */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "badge.h"

static int read_line(const char *prompt, char *buf, size_t size)
{
    printf("%s", prompt);
    fflush(stdout);
    // expect-not: CWE-242
    if (fgets(buf, (int)size, stdin) == NULL)
        return -1;
    buf[strcspn(buf, "\r\n")] = '\0';
    return 0;
}

int main(void)
{
    char badge_id[32];
    char new_pin[16];

    if (read_line("Badge id: ", badge_id, sizeof badge_id) != 0)
        return 1;
    if (read_line("New PIN: ", new_pin, sizeof new_pin) != 0)
        return 1;

    if (strlen(new_pin) < 4) {
        fprintf(stderr, "PIN too short\n");
        return 1;
    }
    return badge_set_pin(badge_id, new_pin) == 0 ? 0 : 1;
}
