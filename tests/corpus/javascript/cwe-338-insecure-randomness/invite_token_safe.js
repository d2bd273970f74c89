// Generates UUIDs for team invitation links (whoever holds the link joins the team).
const { randomUUID } = require("crypto");

async function createInvite(teamId, email, store) {
  // crypto.randomUUID uses the CSPRNG (122 random bits)
  // expect-not: CWE-338
  const token = randomUUID();
  await store.save({ token, teamId, email, expires: Date.now() + 7 * 864e5 });
  return `https://app.example.com/join/${token}`;
}

module.exports = { createInvite };
