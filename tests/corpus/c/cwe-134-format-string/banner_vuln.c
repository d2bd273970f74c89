/* ftpd-lite: builds the greeting banner from the operator's config file. */
#include <stdio.h>
#include <string.h>
#include <unistd.h>

#include "config.h"

void send_banner(int client, const struct config *cfg, const char *peer_addr)
{
    char banner[256];
    /* cfg->motd is read from /etc/ftpd-lite.conf, and a client-supplied name
     * is appended to it on reconnect. */
    char motd[200];
    snprintf(motd, sizeof motd, "%s %s", cfg->motd, peer_addr);
    // expect: CWE-134
    int n = snprintf(banner, sizeof banner, motd);
    if (n > 0)
        write(client, banner, strlen(banner));
}
