#!/usr/bin/env node
// Tag and publish a release: node scripts/release.js <version> [notes]
const { execSync, spawnSync } = require("child_process");

const [version, notes = "maintenance release"] = process.argv.slice(2);
if (!/^\d+\.\d+\.\d+(-[0-9A-Za-z.]+)?$/.test(version || "")) {
  console.error("usage: release.js <semver> [notes]");
  process.exit(1);
}

// expect-not: CWE-78
execSync("npm test", { stdio: "inherit" });
// expect-not: CWE-78
spawnSync("git", ["tag", "-a", `v${version}`, "-m", notes], { stdio: "inherit" });
spawnSync("git", ["push", "origin", `v${version}`], { stdio: "inherit" });
execSync("npm publish", { stdio: "inherit" });
