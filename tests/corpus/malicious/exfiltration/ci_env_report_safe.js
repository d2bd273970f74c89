// preinstall hook: checks that the Node version and platform are supported
const semver = require("semver");
const { engines } = require("../package.json");

if (!semver.satisfies(process.version, engines.node)) {
  // expect-not: malicious
  console.error(`This package needs Node ${engines.node}; you have ${process.version}.`);
  process.exit(1);
}
