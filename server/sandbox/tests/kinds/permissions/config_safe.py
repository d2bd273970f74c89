# verify: write_config CWE-732
import os


def write_config(path, text):
    with open(path, "w") as handle:
        handle.write(text)
    os.chmod(path, 0o600)
