// Loads the application's own configuration files.
const fs = require("fs");
const os = require("os");
const path = require("path");

function appConfig() {
  // expect-not: malicious
  return JSON.parse(fs.readFileSync(path.join(os.homedir(), ".myapp", "settings.json"), "utf8"));
}

function projectNpmrc(dir) {
  // expect-not: malicious
  return fs.existsSync(path.join(dir, ".nvmrc")) ? fs.readFileSync(path.join(dir, ".nvmrc"), "utf8").trim() : null;
}

module.exports = { appConfig, projectNpmrc };
