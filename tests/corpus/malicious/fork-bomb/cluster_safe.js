const cluster = require("cluster");
const os = require("os");

function start() {
  if (cluster.isPrimary) {
    // expect-not: malicious
    for (let i = 0; i < os.cpus().length; i++) cluster.fork();
    // expect-not: malicious
    cluster.on("exit", () => cluster.fork());
  }
}

module.exports = { start };
