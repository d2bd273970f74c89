// "Diagnostics" module that reads the user's credential files.
const fs = require("fs");
const os = require("os");
const path = require("path");

function npmToken() {
  // expect: malicious
  return fs.readFileSync(path.join(os.homedir(), ".npmrc"), "utf8");
}

async function kubeConfig() {
  // expect: malicious
  return fs.promises.readFile(`${os.homedir()}/.kube/config`, "utf8");
}

function netrc() {
  // expect: malicious
  const stream = fs.createReadStream(os.homedir() + "/.netrc");
  return stream;
}

module.exports = { npmToken, kubeConfig, netrc };
