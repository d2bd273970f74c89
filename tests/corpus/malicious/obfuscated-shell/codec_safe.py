"""Decoding data, and running fixed commands: nothing decoded is executed."""
import base64
import json
import subprocess
import zlib


def load_payload(blob: str) -> dict:
    # expect-not: malicious
    return json.loads(zlib.decompress(base64.b64decode(blob)))


def deploy(manifest_b64: str):
    manifest = base64.b64decode(manifest_b64).decode()
    with open("manifest.yaml", "w") as fh:
        fh.write(manifest)
    # expect-not: malicious
    subprocess.run(["kubectl", "apply", "-f", "manifest.yaml"], check=True)


def git_version():
    # expect-not: malicious
    return subprocess.check_output(["git", "--version"]).decode()
