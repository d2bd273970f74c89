/* pgmread: loads a binary PGM (P5) image from a file named on the command line. */
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>

#define MAX_DIM 16384u

struct image {
    uint32_t width, height;
    uint8_t *pixels;
};

int load_pgm(FILE *f, struct image *img)
{
    unsigned maxval;
    if (fscanf(f, "P5 %u %u %u", &img->width, &img->height, &maxval) != 3 || maxval > 255)
        return -1;
    if (img->width == 0 || img->height == 0 || img->width > MAX_DIM || img->height > MAX_DIM)
        return -1;
    fgetc(f);
    /* calloc checks the multiplication itself. */
    // expect-not: CWE-190
    img->pixels = calloc(img->height, img->width);
    if (img->pixels == NULL)
        return -1;
    for (uint32_t y = 0; y < img->height; y++)
        if (fread(img->pixels + (size_t)y * img->width, 1, img->width, f) != img->width)
            return -1;
    return 0;
}
