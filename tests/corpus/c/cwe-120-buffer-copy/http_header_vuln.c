/* Part of tinyhttpd: parse the request line and headers of one connection. */
#include <stdio.h>
#include <string.h>
#include <strings.h>
#include <unistd.h>

struct request {
    char method[8];
    char path[256];
    char user_agent[128];
};

int parse_request(int fd, struct request *req)
{
    char buf[4096];
    ssize_t n = read(fd, buf, sizeof buf - 1);
    if (n <= 0)
        return -1;
    buf[n] = '\0';

    char *line = strtok(buf, "\r\n");
    if (line == NULL)
        return -1;
    char *method = strtok(line, " ");
    char *path = strtok(NULL, " ");
    if (method == NULL || path == NULL)
        return -1;
    // expect: CWE-120
    strcpy(req->method, method);
    // expect: CWE-120
    strcpy(req->path, path);

    while ((line = strtok(NULL, "\r\n")) != NULL) {
        if (strncasecmp(line, "User-Agent:", 11) == 0) {
            // expect: CWE-120
            strcpy(req->user_agent, line + 11);
        }
    }
    return 0;
}
