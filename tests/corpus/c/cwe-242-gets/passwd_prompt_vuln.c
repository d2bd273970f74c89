/* chpin - change the PIN of a door-access badge (runs on the badge enrolment kiosk) */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "badge.h"

int main(void)
{
    char badge_id[32];
    char new_pin[16];

    printf("Badge id: ");
    fflush(stdout);
    // expect: CWE-242
    if (gets(badge_id) == NULL)
        return 1;

    printf("New PIN: ");
    fflush(stdout);
    // expect: CWE-242
    gets(new_pin);

    if (strlen(new_pin) < 4) {
        fprintf(stderr, "PIN too short\n");
        return 1;
    }
    return badge_set_pin(badge_id, new_pin) == 0 ? 0 : 1;
}
