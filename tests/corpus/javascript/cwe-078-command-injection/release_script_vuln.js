#!/usr/bin/env node
// Tag and publish a release: node scripts/release.js <version> [notes]
const { execSync } = require("child_process");

const [version, notes = "maintenance release"] = process.argv.slice(2);
if (!version) {
  console.error("usage: release.js <version> [notes]");
  process.exit(1);
}

execSync("npm test", { stdio: "inherit" });
// expect: CWE-78
execSync(`git tag -a v${version} -m "${notes}" && git push origin v${version}`, { stdio: "inherit" });
execSync("npm publish", { stdio: "inherit" });
