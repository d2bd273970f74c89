const fs = require("fs");
const path = require("path");

const audit = fs.createWriteStream("/var/log/files/downloads.log", { flags: "a" });

function logDownload(req, file) {
  // expect: CWE-117
  audit.write(`${new Date().toISOString()} user=${req.user.id} file=${req.query.name} ua=${req.get("user-agent")}\n`);
}

module.exports = { logDownload };
