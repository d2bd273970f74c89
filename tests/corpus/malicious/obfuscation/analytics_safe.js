// Reads the JSON config that the deploy pipeline passes base64-encoded in an env var.
const raw = process.env.APP_CONFIG_B64 || "e30=";
// expect-not: malicious
const config = JSON.parse(Buffer.from(raw, "base64").toString("utf8"));

module.exports = {
  port: Number(config.port) || 8080,
  features: Array.isArray(config.features) ? config.features : [],
};
