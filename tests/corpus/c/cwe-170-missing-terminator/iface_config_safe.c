/* netcfg: applies an interface description pushed by the provisioning server. */
#include <net/if.h>
#include <stdio.h>
#include <string.h>

struct iface_cfg {
    char name[IFNAMSIZ];
    char alias[64];
    int mtu;
};

void iface_cfg_set(struct iface_cfg *cfg, const char *name, const char *alias, int mtu)
{
    // expect-not: CWE-170
    strncpy(cfg->name, name, sizeof cfg->name);
    /* strncpy does not terminate a name that fills the buffer. */
    cfg->name[sizeof cfg->name - 1] = '\0';
    // expect-not: CWE-170
    strncpy(cfg->alias, alias, sizeof(cfg->alias) - 1);
    cfg->alias[sizeof(cfg->alias) - 1] = '\0';
    cfg->mtu = mtu;
    printf("configuring %s (%s) mtu %d\n", cfg->name, cfg->alias, cfg->mtu);
}
