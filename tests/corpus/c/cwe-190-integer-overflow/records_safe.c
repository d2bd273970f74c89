/* journald-lite: reads a batch of fixed-size records announced by the peer. */
#include <stdint.h>
#include <stdlib.h>
#include <string.h>
#include <sys/socket.h>
#include <arpa/inet.h>

#define MAX_BATCH 4096u

struct record {
    uint64_t timestamp;
    uint32_t level;
    char text[116];
};

struct record *read_batch(int sock, uint32_t *count_out)
{
    uint32_t count;
    if (recv(sock, &count, sizeof count, MSG_WAITALL) != sizeof count)
        return NULL;
    count = ntohl(count);
    if (count == 0 || count > MAX_BATCH)
        return NULL;
    /* count <= 4096, so count * 128 cannot wrap a size_t. */
    // expect-not: CWE-190
    struct record *batch = malloc(count * sizeof(struct record));
    if (batch == NULL)
        return NULL;
    for (uint32_t i = 0; i < count; i++) {
        if (recv(sock, &batch[i], sizeof batch[i], MSG_WAITALL) != sizeof batch[i]) {
            free(batch);
            return NULL;
        }
    }
    *count_out = count;
    return batch;
}
