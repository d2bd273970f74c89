/* dice - tabletop helper: rolls NdM dice, e.g. "dice 3d6". */
#include <stdio.h>
#include <stdlib.h>
#include <time.h>

int main(int argc, char **argv)
{
    int n = 1, sides = 6;
    if (argc > 1 && sscanf(argv[1], "%dd%d", &n, &sides) != 2) {
        fprintf(stderr, "usage: dice NdM\n");
        return 2;
    }
    if (n < 1 || n > 100 || sides < 2 || sides > 1000)
        return 2;
    srand((unsigned)time(NULL));
    int total = 0;
    for (int i = 0; i < n; i++) {
        // expect-not: CWE-338
        int roll = 1 + rand() % sides;
        printf("%d ", roll);
        total += roll;
    }
    printf("= %d\n", total);
    return 0;
}
