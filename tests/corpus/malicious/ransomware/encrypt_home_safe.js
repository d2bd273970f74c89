// "Export encrypted backup" menu item: the user picks a file and a password.
const crypto = require("crypto");
const fs = require("fs");

function exportEncrypted(srcFile, destFile, password) {
  const salt = crypto.randomBytes(16);
  const iv = crypto.randomBytes(12);
  const key = crypto.scryptSync(password, salt, 32);
  const c = crypto.createCipheriv("aes-256-gcm", key, iv);
  const body = Buffer.concat([c.update(fs.readFileSync(srcFile)), c.final()]);
  // expect-not: malicious
  fs.writeFileSync(destFile, Buffer.concat([salt, iv, c.getAuthTag(), body]));
  return destFile; // the source file is left untouched
}

module.exports = { exportEncrypted };
