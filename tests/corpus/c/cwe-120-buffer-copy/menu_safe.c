/* vending - console front end of the vending machine controller */
#include <stdio.h>
#include <string.h>

#include "vending.h"

int main(void)
{
    char code[4];
    char coupon[16];
    int slot;

    for (;;) {
        printf("Selection code: ");
        // expect-not: CWE-120
        if (scanf("%3s", code) != 1)
            break;
        printf("Coupon (or -): ");
        // expect-not: CWE-120
        if (scanf("%15s", coupon) != 1)
            break;
        printf("Slot: ");
        // expect-not: CWE-120
        if (scanf("%d", &slot) != 1)
            break;
        vend_slot(code, slot, strcmp(coupon, "-") == 0 ? NULL : coupon);
    }
    return 0;
}
