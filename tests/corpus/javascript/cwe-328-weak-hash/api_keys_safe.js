const crypto = require("crypto");
const { promisify } = require("util");
const db = require("./db");

const scrypt = promisify(crypto.scrypt);

// API keys are shown once and stored hashed.
async function createApiKey(userId) {
  const key = "sk_" + crypto.randomBytes(24).toString("hex");
  // high-entropy random key: a fast SHA-256 is adequate here
  // expect-not: CWE-328
  const stored = crypto.createHash("sha256").update(key).digest("hex");
  await db.query("INSERT INTO api_keys (user_id, key_hash) VALUES ($1, $2)", [userId, stored]);
  return key;
}

async function hashPassword(password) {
  const salt = crypto.randomBytes(16);
  // expect-not: CWE-328
  const derived = await scrypt(password, salt, 64);
  return `${salt.toString("hex")}:${derived.toString("hex")}`;
}

module.exports = { createApiKey, hashPassword };
