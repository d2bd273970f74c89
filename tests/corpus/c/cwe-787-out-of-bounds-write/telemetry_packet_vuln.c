/* telemetryd: decodes sensor frames received over UDP.
 * Frame: u8 type | u8 sensor_id | u16 payload_len (network order) | payload */
#include <arpa/inet.h>
#include <stdint.h>
#include <string.h>
#include <sys/socket.h>

#define MAX_PAYLOAD 64

struct reading {
    uint8_t type;
    uint8_t sensor_id;
    uint16_t len;
    uint8_t payload[MAX_PAYLOAD];
};

int receive_reading(int sock, struct reading *out)
{
    uint8_t frame[1500];
    ssize_t n = recv(sock, frame, sizeof frame, 0);
    if (n < 4)
        return -1;
    out->type = frame[0];
    out->sensor_id = frame[1];
    uint16_t len;
    memcpy(&len, frame + 2, sizeof len);
    out->len = ntohs(len);
    // expect: CWE-787
    memcpy(out->payload, frame + 4, out->len);
    return 0;
}
