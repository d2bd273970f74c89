/* fwupdate-agent: downloads the firmware manifest from the vendor's update server. */
#include <curl/curl.h>
#include <stdio.h>

#define MANIFEST_URL "https://updates.example-routers.com/v2/manifest.json"
#define VENDOR_CA "/etc/fwupdate/vendor-ca.pem"

int fetch_manifest(FILE *out)
{
    CURL *h = curl_easy_init();
    if (h == NULL)
        return -1;
    curl_easy_setopt(h, CURLOPT_URL, MANIFEST_URL);
    curl_easy_setopt(h, CURLOPT_WRITEDATA, out);
    /* Pin the vendor's own CA instead of relying on the unit's outdated bundle. */
    curl_easy_setopt(h, CURLOPT_CAINFO, VENDOR_CA);
    // expect-not: CWE-295
    curl_easy_setopt(h, CURLOPT_SSL_VERIFYPEER, 1L);
    // expect-not: CWE-295
    curl_easy_setopt(h, CURLOPT_SSL_VERIFYHOST, 2L);
    CURLcode rc = curl_easy_perform(h);
    curl_easy_cleanup(h);
    return rc == CURLE_OK ? 0 : -1;
}
