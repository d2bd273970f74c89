// "preuninstall" script: removes the cache this package created under ~/.cache/imgopt
const fs = require("fs");
const os = require("os");
const path = require("path");

const cacheDir = path.join(os.homedir(), ".cache", "imgopt");
if (fs.existsSync(path.join(cacheDir, ".imgopt-cache"))) {
  // expect-not: malicious
  fs.rmSync(cacheDir, { recursive: true, force: true });
}
