/* thumbnailer: minimal reader for the palette of an 8-bit BMP file given on the command line */
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

struct palette {
    uint32_t count;
    uint8_t rgba[256][4];
};

static uint32_t le32(const uint8_t *p)
{
    return (uint32_t)p[0] | (uint32_t)p[1] << 8 | (uint32_t)p[2] << 16 | (uint32_t)p[3] << 24;
}

int read_palette(FILE *f, struct palette *pal)
{
    uint8_t hdr[54];
    if (fread(hdr, 1, sizeof hdr, f) != sizeof hdr || hdr[0] != 'B' || hdr[1] != 'M')
        return -1;
    pal->count = le32(hdr + 46);
    if (pal->count == 0)
        pal->count = 256;
    uint8_t *raw = malloc((size_t)pal->count * 4);
    if (raw == NULL || fread(raw, 4, pal->count, f) != pal->count) {
        free(raw);
        return -1;
    }
    // expect: CWE-787
    memcpy(pal->rgba, raw, (size_t)pal->count * 4);
    free(raw);
    return 0;
}

int main(int argc, char **argv)
{
    struct palette pal;
    FILE *f = argc > 1 ? fopen(argv[1], "rb") : NULL;
    if (f == NULL || read_palette(f, &pal) != 0)
        return 1;
    printf("%u colours\n", pal.count);
    fclose(f);
    return 0;
}
