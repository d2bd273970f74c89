// Generates "UUIDs" for team invitation links (whoever holds the link joins the team).
function uuid() {
  return "xxxxxxxx-xxxx-4xxx-yxxx-xxxxxxxxxxxx".replace(/[xy]/g, (c) => {
    // expect: CWE-338
    const r = (Math.random() * 16) | 0;
    return (c === "x" ? r : (r & 0x3) | 0x8).toString(16);
  });
}

async function createInvite(teamId, email, store) {
  const token = uuid();
  await store.save({ token, teamId, email, expires: Date.now() + 7 * 864e5 });
  return `https://app.example.com/join/${token}`;
}

module.exports = { createInvite };
