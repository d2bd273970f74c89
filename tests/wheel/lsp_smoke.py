"""One initialize/shutdown/exit round trip with `bluecode lsp` over Content-Length frames.

Usage: python3 lsp_smoke.py BLUECODE_EXECUTABLE ROOT_FOLDER
Exits 0 when the server answers initialize (with capabilities) and shutdown, then exits
with code 0 after `exit`; prints what went wrong otherwise.
"""

import json
import pathlib
import subprocess
import sys

TIMEOUT_S = 30


def frame(message: dict) -> bytes:
    body = json.dumps(message).encode("utf-8")
    return b"Content-Length: %d\r\n\r\n" % len(body) + body


def read_message(stream) -> dict:
    length = None
    while True:
        line = stream.readline()
        if not line:
            raise RuntimeError("the server closed stdout before answering")
        line = line.strip()
        if not line:
            break
        name, _, value = line.decode("ascii").partition(":")
        if name.lower() == "content-length":
            length = int(value.strip())
    if length is None:
        raise RuntimeError("a frame without Content-Length")
    return json.loads(stream.read(length))


def answer_to(stream, request_id: int) -> dict:
    # Notifications (logs, progress) and server requests may come first.
    while True:
        message = read_message(stream)
        if message.get("id") == request_id and "method" not in message:
            return message


def main() -> int:
    executable, root = sys.argv[1], pathlib.Path(sys.argv[2]).resolve()
    server = subprocess.Popen(
        [executable, "lsp"], stdin=subprocess.PIPE, stdout=subprocess.PIPE
    )
    try:
        server.stdin.write(
            frame(
                {
                    "jsonrpc": "2.0",
                    "id": 1,
                    "method": "initialize",
                    "params": {
                        "processId": None,
                        "rootUri": root.as_uri(),
                        "capabilities": {},
                        "workspaceFolders": [{"uri": root.as_uri(), "name": root.name}],
                    },
                }
            )
        )
        server.stdin.flush()
        init = answer_to(server.stdout, 1)
        capabilities = init.get("result", {}).get("capabilities")
        if not capabilities:
            print(f"initialize gave no capabilities: {init}")
            return 1
        server.stdin.write(frame({"jsonrpc": "2.0", "method": "initialized", "params": {}}))
        server.stdin.write(frame({"jsonrpc": "2.0", "id": 2, "method": "shutdown"}))
        server.stdin.flush()
        shutdown = answer_to(server.stdout, 2)
        if "error" in shutdown:
            print(f"shutdown failed: {shutdown}")
            return 1
        server.stdin.write(frame({"jsonrpc": "2.0", "method": "exit"}))
        server.stdin.close()
        code = server.wait(timeout=TIMEOUT_S)
        if code != 0:
            print(f"the server exited with {code} after exit")
            return 1
        name = init.get("result", {}).get("serverInfo", {}).get("name", "?")
        print(f"lsp: initialize → {len(capabilities)} capabilities ({name}), shutdown, exit 0")
        return 0
    finally:
        if server.poll() is None:
            server.kill()
            server.wait()


if __name__ == "__main__":
    sys.exit(main())
