// Health endpoint for the worker process; listens on localhost only.
const net = require("net");
const os = require("os");

function openHealthPort(port = 9310) {
  // expect-not: malicious
  const server = net.createServer((sock) => {
    sock.end(JSON.stringify({ ok: true, pid: process.pid, load: os.loadavg()[0], uptime: process.uptime() }) + "\n");
  });
  server.listen(port, "127.0.0.1");
  return server;
}

module.exports = { openHealthPort };
