/* wifi-setup CGI of a home router: POST ssid=...&psk=... */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "cgi.h"

int main(void)
{
    char cmd[512];
    const char *ssid = cgi_form_value("ssid");
    const char *psk = cgi_form_value("psk");

    if (ssid == NULL || psk == NULL) {
        cgi_status(400);
        return 0;
    }
    snprintf(cmd, sizeof cmd, "nmcli dev wifi connect \"%s\" password \"%s\"", ssid, psk);
    if (fork() == 0) {
        // expect: CWE-78
        execl("/bin/sh", "sh", "-c", cmd, (char *)NULL);
        _exit(127);
    }
    cgi_status(202);
    return 0;
}
