"""Network diagnostics plugin."""
import subprocess


def run_diagnostics(target: str = "example.com") -> str:
    # traceroute with an argv list; output is shown to the user who asked for it
    # expect-not: malicious
    result = subprocess.run(["traceroute", "-m", "15", target], capture_output=True, text=True, timeout=60)
    return result.stdout
