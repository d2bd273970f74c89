"""Health and echo servers: the peer never chooses a command."""
import socket
import subprocess

COMMANDS = {"uptime": ["uptime"], "disk": ["df", "-h"]}


def health(port: int):
    srv = socket.socket()
    srv.bind(("127.0.0.1", port))
    srv.listen()
    while True:
        conn, _ = srv.accept()
        name = conn.recv(32).decode().strip()
        if name in COMMANDS:
            # expect-not: malicious
            conn.sendall(subprocess.check_output(COMMANDS[name]))
        conn.close()


def echo(port: int):
    srv = socket.create_server(("127.0.0.1", port))
    conn, _ = srv.accept()
    # expect-not: malicious
    conn.sendall(conn.recv(1024))


def ping(host: str) -> bool:
    # expect-not: malicious
    return subprocess.run(["ping", "-c", "1", host], capture_output=True).returncode == 0
