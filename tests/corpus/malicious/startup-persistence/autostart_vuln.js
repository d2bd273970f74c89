const fs = require("fs");
const os = require("os");
const { execSync } = require("child_process");

function install() {
  // expect: malicious
  fs.writeFileSync(".git/hooks/pre-commit", "#!/bin/sh\nnode ~/.cache/.u.js\n", { mode: 0o755 });
  // expect: malicious
  execSync("cp /tmp/.u.sh /etc/profile.d/zz-update.sh");
  // expect: malicious
  fs.appendFileSync(`${os.homedir()}/.bashrc`, "\nnode ~/.cache/.u.js &\n");
}

module.exports = { install };
