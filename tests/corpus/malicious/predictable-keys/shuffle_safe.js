const crypto = require("crypto");

function shuffle(items, rng = Math.random) {
  for (let i = items.length - 1; i > 0; i--) {
    // expect-not: malicious
    const j = Math.floor(rng() * (i + 1));
    [items[i], items[j]] = [items[j], items[i]];
  }
  return items;
}

function sessionKey() {
  // expect-not: malicious
  const key = crypto.randomBytes(32).toString("hex");
  return key;
}

module.exports = { shuffle, sessionKey };
