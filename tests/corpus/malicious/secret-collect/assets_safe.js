// Copies build assets.
const fs = require("fs");
const path = require("path");

function copyAssets(src, dest) {
  // expect-not: malicious
  for (const name of fs.readdirSync(path.join(src, "assets"))) {
    // expect-not: malicious
    fs.copyFileSync(path.join(src, "assets", name), path.join(dest, name));
  }
}

module.exports = { copyAssets };
