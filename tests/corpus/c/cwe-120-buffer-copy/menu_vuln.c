/* vending - console front end of the vending machine controller */
#include <stdio.h>
#include <string.h>

#include "vending.h"

int main(void)
{
    char code[4];
    char coupon[16];

    for (;;) {
        printf("Selection code: ");
        // expect: CWE-120
        if (scanf("%s", code) != 1)
            break;
        printf("Coupon (or -): ");
        // expect: CWE-120
        if (scanf("%s", coupon) != 1)
            break;
        vend(code, strcmp(coupon, "-") == 0 ? NULL : coupon);
    }
    return 0;
}
