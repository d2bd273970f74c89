/* ftpd-lite: builds the greeting banner from the operator's config file. */
#include <libintl.h>
#include <stdio.h>
#include <string.h>
#include <unistd.h>

#include "config.h"

#define _(s) gettext(s)

void send_banner(int client, const struct config *cfg, const char *peer_addr)
{
    char banner[256];
    // expect-not: CWE-134
    int n = snprintf(banner, sizeof banner, "220 %s %s\r\n", cfg->motd, peer_addr);
    if (n > 0)
        write(client, banner, strlen(banner));
}

void usage(const char *prog)
{
    /* Translated format strings come from the installed, root-owned message catalogue. */
    // expect-not: CWE-134
    fprintf(stderr, _("Usage: %s [-c CONFIG] [-p PORT]\n"), prog);
}
