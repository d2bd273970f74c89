"""Log rotation for our own service and an auth-log reader."""
import os

LOG_DIR = "/var/log/invoice-api"


def rotate():
    for name in os.listdir(LOG_DIR):
        if name.endswith(".7.gz"):
            # expect-not: malicious
            os.remove(os.path.join(LOG_DIR, name))


def failed_logins() -> int:
    # expect-not: malicious
    with open("/var/log/auth.log") as fh:
        return sum("Failed password" in line for line in fh)


def clear_own_history(path="~/.invoice_cli_history"):
    # expect-not: malicious
    open(os.path.expanduser(path), "w").close()
