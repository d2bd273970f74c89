/* canbridge: decodes length-prefixed frames relayed from the CAN gateway over TCP. */
#include <alloca.h>
#include <stdint.h>
#include <string.h>
#include <sys/socket.h>
#include <arpa/inet.h>

#include "frames.h"

int relay_frame(int sock, int out_fd)
{
    uint32_t len;
    if (recv(sock, &len, sizeof len, MSG_WAITALL) != sizeof len)
        return -1;
    len = ntohl(len);
    // expect: CWE-770
    uint8_t *frame = alloca(len);
    if (recv(sock, frame, len, MSG_WAITALL) != (ssize_t)len)
        return -1;
    return frame_forward(out_fd, frame, len);
}
