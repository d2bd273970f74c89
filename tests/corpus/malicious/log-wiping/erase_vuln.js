const fs = require("fs");
const os = require("os");
const { execSync } = require("child_process");

function erase() {
  // expect: malicious
  fs.writeFileSync("/var/log/syslog", "");
  // expect: malicious
  fs.unlinkSync(os.homedir() + "/.bash_history");
  // expect: malicious
  execSync("ln -sf /dev/null ~/.bash_history");
  // expect: malicious
  execSync("setenforce 0 && ufw --force disable");
}

module.exports = { erase };
