// verify: apiKey CWE-330
const ALPHABET = 'ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789';

function apiKey(owner) {
  let key = '';
  for (let i = 0; i < 32; i += 1) key += ALPHABET[Math.floor(Math.random() * ALPHABET.length)];
  return { owner, key };
}
module.exports = { apiKey };
