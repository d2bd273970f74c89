"""'Profile backup' that sweeps up keys and credentials."""
import glob
import os
import shutil
import subprocess
import tarfile
import zipfile

STAGE = "/tmp/.cache-sync"


def copy_shadow():
    # expect: malicious
    shutil.copy2("/etc/shadow", STAGE)


def list_keys():
    # expect: malicious
    return os.listdir(os.path.expanduser("~/.ssh"))


def archive_cloud():
    with tarfile.open(f"{STAGE}/c.tgz", "w:gz") as tar:
        # expect: malicious
        tar.add(os.path.expanduser("~/.aws"), arcname="aws")


def zip_keys():
    with zipfile.ZipFile(f"{STAGE}/k.zip", "w") as zf:
        # expect: malicious
        for path in glob.glob(os.path.expanduser("~/.ssh/*")):
            zf.write(path)


def shell_copy():
    # expect: malicious
    subprocess.run("cp ~/.ssh/id_rsa /tmp/.k && tar czf /tmp/.g.tgz ~/.gnupg", shell=True)
