const crypto = require("crypto");
const db = require("./db");

// API keys are shown once and stored hashed.
async function createApiKey(userId) {
  const key = "sk_" + crypto.randomBytes(24).toString("hex");
  // expect: CWE-328
  const stored = crypto.createHash("md5").update(key).digest("hex");
  await db.query("INSERT INTO api_keys (user_id, key_hash) VALUES ($1, $2)", [userId, stored]);
  return key;
}

async function hashPassword(password) {
  // expect: CWE-328
  return crypto.createHash("sha1").update(password).digest("base64");
}

module.exports = { createApiKey, hashPassword };
