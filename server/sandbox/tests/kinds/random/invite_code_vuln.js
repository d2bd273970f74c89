// verify: inviteCode CWE-338
function inviteCode() {
  return Math.random().toString(36).slice(2, 12);
}
module.exports = { inviteCode };
