// Loads ".toolrc" files that users drop in their project folders.
const fs = require("fs");
const path = require("path");

function loadConfig(dir) {
  const file = path.join(dir, ".toolrc");
  if (!fs.existsSync(file)) return {};
  const text = fs.readFileSync(file, "utf8");
  // expect: CWE-95
  return eval("(" + text + ")");
}

module.exports = { loadConfig };
