const redis = require("./redis");
const sms = require("./sms");

async function sendLoginCode(phone) {
  // expect: CWE-338
  const code = String(Math.floor(100000 + Math.random() * 900000));
  await redis.set(`otp:${phone}`, code, "EX", 300);
  await sms.send(phone, `Your login code is ${code}`);
}

function newSessionId() {
  // expect: CWE-338
  return Math.random().toString(36).slice(2) + Date.now().toString(36);
}

module.exports = { sendLoginCode, newSessionId };
