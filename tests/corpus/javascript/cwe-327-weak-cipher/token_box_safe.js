const crypto = require("crypto");

const KEY = Buffer.from(process.env.TOKEN_KEY, "hex"); // 32 bytes

function seal(obj) {
  const iv = crypto.randomBytes(12);
  // expect-not: CWE-327
  const cipher = crypto.createCipheriv("aes-256-gcm", KEY, iv);
  const ct = Buffer.concat([cipher.update(JSON.stringify(obj), "utf8"), cipher.final()]);
  return Buffer.concat([iv, cipher.getAuthTag(), ct]).toString("base64url");
}

function open(token) {
  const raw = Buffer.from(token, "base64url");
  const decipher = crypto.createDecipheriv("aes-256-gcm", KEY, raw.subarray(0, 12));
  decipher.setAuthTag(raw.subarray(12, 28));
  return JSON.parse(Buffer.concat([decipher.update(raw.subarray(28)), decipher.final()]).toString("utf8"));
}

module.exports = { seal, open };
