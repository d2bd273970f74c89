"""deploy/install_service.py — installs the app's own systemd unit during provisioning."""
import subprocess
from pathlib import Path

UNIT = """[Unit]
Description=Acme invoice API
After=network-online.target

[Service]
User=invoice
WorkingDirectory=/opt/invoice-api
ExecStart=/opt/invoice-api/.venv/bin/gunicorn -c /etc/invoice-api/gunicorn.conf.py invoice.wsgi
Restart=on-failure

[Install]
WantedBy=multi-user.target
"""


def install() -> None:
    Path("/etc/systemd/system/invoice-api.service").write_text(UNIT)
    subprocess.run(["systemctl", "daemon-reload"], check=True)
    # expect-not: malicious
    subprocess.run(["systemctl", "enable", "--now", "invoice-api.service"], check=True)


if __name__ == "__main__":
    install()
