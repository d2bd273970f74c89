/* fwupdate-agent: downloads the firmware manifest from the vendor's update server. */
#include <curl/curl.h>
#include <stdio.h>

#define MANIFEST_URL "https://updates.example-routers.com/v2/manifest.json"

int fetch_manifest(FILE *out)
{
    CURL *h = curl_easy_init();
    if (h == NULL)
        return -1;
    curl_easy_setopt(h, CURLOPT_URL, MANIFEST_URL);
    curl_easy_setopt(h, CURLOPT_WRITEDATA, out);
    /* The embedded CA bundle is often outdated on old units, so skip the check. */
    // expect: CWE-295
    curl_easy_setopt(h, CURLOPT_SSL_VERIFYPEER, 0L);
    // expect: CWE-295
    curl_easy_setopt(h, CURLOPT_SSL_VERIFYHOST, 0L);
    CURLcode rc = curl_easy_perform(h);
    curl_easy_cleanup(h);
    return rc == CURLE_OK ? 0 : -1;
}
