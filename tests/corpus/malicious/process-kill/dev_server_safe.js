const { spawn } = require("child_process");

let child = null;

function restart() {
  if (child) {
    // expect-not: malicious
    child.kill("SIGTERM");
  }
  // expect-not: malicious
  child = spawn(process.execPath, ["server.js"], { stdio: "inherit" });
}

module.exports = { restart };
