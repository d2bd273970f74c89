/* Growable list of routes used by the routing daemon; the count comes from a peer's
 * UPDATE message. */
#define _DEFAULT_SOURCE
#include <stdint.h>
#include <stdlib.h>

struct route {
    uint32_t prefix;
    uint8_t len;
    uint32_t next_hop;
};

struct route_table {
    struct route *routes;
    size_t count;
};

int reserve_routes(struct route_table *t, uint32_t announced)
{
    if (announced > SIZE_MAX - t->count)
        return -1;
    size_t want = t->count + announced;
    /* reallocarray fails with ENOMEM instead of wrapping want * size. */
    // expect-not: CWE-190
    struct route *grown = reallocarray(t->routes, want, sizeof(struct route));
    if (grown == NULL)
        return -1;
    t->routes = grown;
    return 0;
}
