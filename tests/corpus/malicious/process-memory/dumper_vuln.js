const { execSync } = require("child_process");
const fs = require("fs");

function dumpLsass() {
  // expect: malicious
  execSync("procdump.exe -accepteula -ma lsass.exe C:\\Temp\\l.dmp");
}

function envOf(pid) {
  // expect: malicious
  return fs.readFileSync("/proc/" + pid + "/environ", "utf8");
}

module.exports = { dumpLsass, envOf };
