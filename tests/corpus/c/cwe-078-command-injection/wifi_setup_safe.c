/* wifi-setup CGI of a home router: POST ssid=...&psk=... */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "cgi.h"

int main(void)
{
    const char *ssid = cgi_form_value("ssid");
    const char *psk = cgi_form_value("psk");

    if (ssid == NULL || psk == NULL) {
        cgi_status(400);
        return 0;
    }
    if (fork() == 0) {
        /* Each value is one argv element; no shell parses them. */
        // expect-not: CWE-78
        execl("/usr/bin/nmcli", "nmcli", "dev", "wifi", "connect", ssid, "password", psk, (char *)NULL);
        _exit(127);
    }
    /* Constant command for the status LED. */
    // expect-not: CWE-78
    FILE *p = popen("cat /sys/class/leds/wifi/brightness", "r");
    if (p != NULL)
        pclose(p);
    cgi_status(202);
    return 0;
}
