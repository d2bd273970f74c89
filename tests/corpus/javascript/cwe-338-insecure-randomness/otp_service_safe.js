const crypto = require("crypto");
const redis = require("./redis");
const sms = require("./sms");

async function sendLoginCode(phone) {
  // expect-not: CWE-338
  const code = String(crypto.randomInt(100000, 1000000));
  await redis.set(`otp:${phone}`, code, "EX", 300);
  await sms.send(phone, `Your login code is ${code}`);
}

function newSessionId() {
  // expect-not: CWE-338
  return crypto.randomBytes(32).toString("base64url");
}

module.exports = { sendLoginCode, newSessionId };
