"""A pre-forking TCP server and a worker pool: bounded, blocking loops."""
import multiprocessing
import os
import socket


def serve(sock: socket.socket):
    # expect-not: malicious
    while True:
        conn, _ = sock.accept()
        if os.fork() == 0:
            conn.sendall(b"ok\n")
            os._exit(0)
        conn.close()


def pool(jobs):
    # expect-not: malicious
    with multiprocessing.Pool(4) as p:
        return p.map(len, jobs)


def supervise(cmd):
    import subprocess
    # expect-not: malicious
    while True:
        proc = subprocess.Popen(cmd)
        if proc.wait() == 0:
            break
