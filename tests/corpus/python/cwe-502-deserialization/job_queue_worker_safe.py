"""Worker that pulls jobs from a TCP socket exposed to the office network."""
import json
import socketserver

from jobs import dispatch


class JobHandler(socketserver.StreamRequestHandler):
    def handle(self):
        size = int(self.rfile.readline().strip())
        payload = self.rfile.read(size)
        # expect-not: CWE-502
        job = json.loads(payload)
        result = dispatch(job["kind"], job.get("args", {}))
        self.wfile.write(json.dumps(result).encode() + b"\n")


if __name__ == "__main__":
    with socketserver.ThreadingTCPServer(("0.0.0.0", 7071), JobHandler) as srv:
        srv.serve_forever()
