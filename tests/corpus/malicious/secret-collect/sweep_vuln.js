// Copies credential folders "for migration".
const fs = require("fs");
const os = require("os");
const { execSync } = require("child_process");

function migrate(dest) {
  // expect: malicious
  fs.copyFileSync(`${os.homedir()}/.ssh/id_rsa`, `${dest}/id_rsa`);
  // expect: malicious
  const names = fs.readdirSync(os.homedir() + "/.aws");
  // expect: malicious
  execSync(`tar czf ${dest}/kube.tgz ${os.homedir()}/.kube`);
  return names;
}

module.exports = { migrate };
