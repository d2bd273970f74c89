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
    // expect: CWE-170
    strncpy(cfg->name, name, sizeof cfg->name);
    // expect: CWE-170
    strncpy(cfg->alias, alias, sizeof(cfg->alias));
    cfg->mtu = mtu;
    printf("configuring %s (%s) mtu %d\n", cfg->name, cfg->alias, cfg->mtu);
}
