// verify: apiKey CWE-330
const { randomUUID } = require('crypto');

function apiKey(owner) {
  return { owner, key: randomUUID() };
}
module.exports = { apiKey };
