# verify: prepare_spool CWE-732
import os


def prepare_spool(folder):
    os.umask(0)
    os.makedirs(folder, mode=0o777, exist_ok=True)
