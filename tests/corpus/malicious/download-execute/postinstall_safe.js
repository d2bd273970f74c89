// scripts/postinstall.js — runs on `npm install` via "postinstall" in package.json
// Downloads the prebuilt native addon for this platform and checks its SHA-256.
const crypto = require("crypto");
const fs = require("fs");
const https = require("https");
const path = require("path");

const pkg = require("../package.json");
const CHECKSUMS = require("./checksums.json");
const target = `${process.platform}-${process.arch}`;
const url = `https://github.com/example/fastdiff/releases/download/v${pkg.version}/fastdiff-${target}.node`;
const dest = path.join(__dirname, "..", "build", "fastdiff.node");

https.get(url, (res) => {
  const chunks = [];
  res.on("data", (c) => chunks.push(c));
  res.on("end", () => {
    const buf = Buffer.concat(chunks);
    const sum = crypto.createHash("sha256").update(buf).digest("hex");
    if (sum !== CHECKSUMS[target]) {
      console.error(`fastdiff: checksum mismatch for ${target}; falling back to the JS implementation`);
      return;
    }
    fs.mkdirSync(path.dirname(dest), { recursive: true });
    // expect-not: malicious
    fs.writeFileSync(dest, buf);
  });
});
