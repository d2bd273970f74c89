"""Remote support helper bundled with the desktop client.

Sends a diagnostics bundle to the support server after the user clicks
"Send diagnostics" in the Help menu. Nothing is executed on request.
"""
import json
import platform
import socket
import ssl

SUPPORT_HOST = "support.example.com"
SUPPORT_PORT = 443


def collect() -> dict:
    return {
        "os": platform.platform(),
        "python": platform.python_version(),
        "app_version": "4.12.1",
    }


def send_diagnostics(ticket_id: str) -> None:
    ctx = ssl.create_default_context()
    # expect-not: malicious
    with socket.create_connection((SUPPORT_HOST, SUPPORT_PORT), timeout=10) as raw:
        with ctx.wrap_socket(raw, server_hostname=SUPPORT_HOST) as s:
            body = json.dumps({"ticket": ticket_id, "data": collect()}).encode()
            s.sendall(b"POST /api/diagnostics HTTP/1.1\r\nHost: " + SUPPORT_HOST.encode() + b"\r\nContent-Type: application/json\r\nContent-Length: " + str(len(body)).encode() + b"\r\nConnection: close\r\n\r\n" + body)
            s.recv(4096)
