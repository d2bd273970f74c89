"""Embedded default avatar (a 1x1 PNG) so the app works without static files."""
import base64

_PNG = (
    "iVBORw0KGgoAAAANSUhEUgAAAAEAAAABCAYAAAAfFcSJAAAADUlEQVR42mNk+M9QDwADhgGAWjR9awAAAABJRU5ErkJggg=="
)


def default_avatar() -> bytes:
    # expect-not: malicious
    return base64.b64decode(_PNG)
