const pino = require("pino");

const audit = pino(pino.destination("/var/log/files/downloads.log"));

function logDownload(req, file) {
  // pino writes one JSON object per line; string values are JSON-escaped
  // expect-not: CWE-117
  audit.info({ user: req.user.id, file: req.query.name, ua: req.get("user-agent") }, "download");
}

module.exports = { logDownload };
