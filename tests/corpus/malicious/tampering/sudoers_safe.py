"""Provisioning: let the deploy user restart the app service, and nothing else."""
import os
import subprocess
import tempfile

RULE = "deploy ALL=(root) NOPASSWD: /usr/bin/systemctl restart invoice-api.service\n"
TARGET = "/etc/sudoers.d/50-deploy-restart"


def install_rule() -> None:
    fd, tmp = tempfile.mkstemp(dir="/etc/sudoers.d", prefix=".tmp-")
    with os.fdopen(fd, "w") as fh:
        # expect-not: malicious
        fh.write(RULE)
    os.chmod(tmp, 0o440)
    subprocess.run(["visudo", "-cf", tmp], check=True)
    os.replace(tmp, TARGET)
