// verify: onFailedLogin CWE-117
function onFailedLogin(username) {
  console.warn('failed login for user=%j', username);
}
module.exports = { onFailedLogin };
