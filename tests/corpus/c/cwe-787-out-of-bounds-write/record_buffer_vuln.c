/* recordd: consumes length-prefixed records from a socket buffer. The record length comes
 * from the peer and the buffer is shifted before checking the record is all there. */
#include <stddef.h>
#include <string.h>
#include <sys/socket.h>

static char inbuf[8192];
static size_t inlen;

int pump(int sock)
{
    ssize_t n = recv(sock, inbuf + inlen, sizeof inbuf - inlen, 0);
    if (n <= 0)
        return -1;
    inlen += (size_t)n;
    size_t record_len = 2 + ((unsigned char)inbuf[0] << 8 | (unsigned char)inbuf[1]);
    // expect: CWE-787
    memmove(inbuf, inbuf + record_len, inlen - record_len);
    inlen -= record_len;
    return 1;
}
