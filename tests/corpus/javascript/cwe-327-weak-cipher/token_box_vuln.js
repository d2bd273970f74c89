const crypto = require("crypto");

const KEY = Buffer.from(process.env.TOKEN_KEY, "hex"); // 24 bytes

function seal(obj) {
  // expect: CWE-327
  const cipher = crypto.createCipheriv("des-ede3-cbc", KEY, Buffer.alloc(8, 0));
  return Buffer.concat([cipher.update(JSON.stringify(obj), "utf8"), cipher.final()]).toString("base64url");
}

function open(token) {
  // expect: CWE-327
  const decipher = crypto.createDecipheriv("des-ede3-cbc", KEY, Buffer.alloc(8, 0));
  return JSON.parse(Buffer.concat([decipher.update(Buffer.from(token, "base64url")), decipher.final()]).toString("utf8"));
}

module.exports = { seal, open };
