// verify: inviteCode CWE-338
const crypto = require('crypto');

function inviteCode() {
  return crypto.randomBytes(8).toString('hex');
}
module.exports = { inviteCode };
