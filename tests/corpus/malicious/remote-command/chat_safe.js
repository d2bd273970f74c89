const net = require("net");
const { execFile } = require("child_process");

function chat(port) {
  const clients = new Set();
  net.createServer((c) => {
    clients.add(c);
    // expect-not: malicious
    c.on("data", (d) => clients.forEach((o) => o !== c && o.write(d)));
  }).listen(port);
}

function version(cb) {
  // expect-not: malicious
  execFile("node", ["--version"], cb);
}

module.exports = { chat, version };
