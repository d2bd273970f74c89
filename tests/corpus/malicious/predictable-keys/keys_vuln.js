const seedrandom = require("seedrandom");

function apiKey() {
  const rng = seedrandom("build-42");
  // expect: malicious
  const key = Array.from({ length: 32 }, () => Math.floor(rng() * 16).toString(16)).join("");
  return key;
}

module.exports = { apiKey };
