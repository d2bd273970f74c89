// verify: onFailedLogin CWE-117
function onFailedLogin(username) {
  console.warn(`failed login for user=${username}`);
}
module.exports = { onFailedLogin };
