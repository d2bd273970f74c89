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

static int copy_field(char *dst, size_t dst_size, const char *src)
{
    int written = snprintf(dst, dst_size, "%s", src);
    return (written < 0 || (size_t)written >= dst_size) ? -1 : 0;
}

int parse_request(int fd, struct request *req)
{
    char buf[4096];
    ssize_t n = read(fd, buf, sizeof buf - 1);
    if (n <= 0)
        return -1;
    buf[n] = '\0';

    char *save = NULL;
    char *line = strtok_r(buf, "\r\n", &save);
    if (line == NULL)
        return -1;
    char *inner = NULL;
    char *method = strtok_r(line, " ", &inner);
    char *path = strtok_r(NULL, " ", &inner);
    if (method == NULL || path == NULL)
        return -1;
    if (copy_field(req->method, sizeof req->method, method) != 0)
        return -1;
    if (copy_field(req->path, sizeof req->path, path) != 0)
        return -1;

    while ((line = strtok_r(NULL, "\r\n", &save)) != NULL) {
        if (strncasecmp(line, "User-Agent:", 11) == 0) {
            // expect-not: CWE-120
            strncpy(req->user_agent, line + 11, sizeof req->user_agent - 1);
            req->user_agent[sizeof req->user_agent - 1] = '\0';
        }
    }
    return 0;
}
