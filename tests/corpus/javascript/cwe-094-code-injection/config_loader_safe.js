// Loads ".toolrc" files that users drop in their project folders.
const fs = require("fs");
const path = require("path");

const DEV_EVAL = false;

function loadConfig(dir) {
  const file = path.join(dir, ".toolrc");
  if (!fs.existsSync(file)) return {};
  const text = fs.readFileSync(file, "utf8");
  if (DEV_EVAL && process.env.NODE_ENV === "test-legacy") {
    // old JS-object configs; the flag is a constant false so this never runs
    // expect-not: CWE-95
    return eval("(" + text + ")");
  }
  return JSON.parse(text);
}

module.exports = { loadConfig };
