// scripts/clean.js, called from "prebuild": remove this package's own build output
const fs = require("fs");
const path = require("path");

const root = path.resolve(__dirname, "..");
for (const dir of ["dist", "coverage", ".turbo"]) {
  // expect-not: malicious
  fs.rmSync(path.join(root, dir), { recursive: true, force: true });
}
