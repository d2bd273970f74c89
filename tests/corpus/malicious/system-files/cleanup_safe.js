const fs = require("fs");
const path = require("path");

function cleanup(workDir) {
  // expect-not: malicious
  fs.unlinkSync(path.join(workDir, "lock"));
  // expect-not: malicious
  fs.chmodSync(path.join(workDir, "run.sh"), 0o755);
  // expect-not: malicious
  return fs.readFileSync("/etc/os-release", "utf8");
}

module.exports = { cleanup };
