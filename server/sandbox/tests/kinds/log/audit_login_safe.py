# verify: record_login CWE-117
import logging

log = logging.getLogger("audit")


def record_login(username, ok):
    shown = username.replace("\r", "\\r").replace("\n", "\\n")
    log.info("login %s for %s", "ok" if ok else "failed", shown)
