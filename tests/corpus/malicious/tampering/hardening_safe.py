"""Provisioning step: open the app's port in the host firewall and label its data dir for SELinux."""
import subprocess

APP_PORT = 8443
DATA_DIR = "/srv/ledger/data"


def configure_host() -> None:
    # expect-not: malicious
    subprocess.run(["firewall-cmd", "--permanent", f"--add-port={APP_PORT}/tcp"], check=True)
    subprocess.run(["firewall-cmd", "--reload"], check=True)
    subprocess.run(["semanage", "fcontext", "-a", "-t", "httpd_sys_rw_content_t", f"{DATA_DIR}(/.*)?"], check=True)
    # expect-not: malicious
    subprocess.run(["restorecon", "-Rv", DATA_DIR], check=True)
