# verify: banner CWE-134
SETTINGS = {"site": "shop", "secret_key": "k3y"}


def banner(fmt):
    return "%(site)s: " % SETTINGS + fmt
