# verify: prepare_spool CWE-732
import os


def prepare_spool(folder):
    os.makedirs(folder, mode=0o750, exist_ok=True)
