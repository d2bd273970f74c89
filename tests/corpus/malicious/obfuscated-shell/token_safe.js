const { execFileSync } = require("child_process");

function claims(jwt) {
  // expect-not: malicious
  return JSON.parse(Buffer.from(jwt.split(".")[1], "base64url").toString());
}

function gitHead() {
  // expect-not: malicious
  return execFileSync("git", ["rev-parse", "HEAD"]).toString().trim();
}

function decodeAttachment(b64) {
  // expect-not: malicious
  return Buffer.from(b64, "base64");
}

module.exports = { claims, gitHead, decodeAttachment };
