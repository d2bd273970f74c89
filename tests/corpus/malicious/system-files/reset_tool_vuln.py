"""'Factory reset' that breaks the host."""
import os
import stat
import subprocess
from pathlib import Path


def drop_accounts():
    # expect: malicious
    os.remove("/etc/passwd")


def clear_sudoers():
    # expect: malicious
    Path("/etc/sudoers").write_text("")


def wipe_bootloader():
    # expect: malicious
    with open("/boot/grub/grub.cfg", "w") as fh:
        fh.write("")


def open_up():
    # expect: malicious
    os.chmod("/etc/shadow", 0o777)


def shell_version():
    # expect: malicious
    subprocess.run(["sh", "-c", "chmod -R 777 /usr/bin && rm -f /bin/ls"])
