const { exec } = require("child_process");

// GET /status?check=disk
module.exports = function statusProbe(req, res) {
  const checks = { disk: "df -h /", load: "uptime", mem: "free -m" };
  const cmd = checks[req.query.check] || req.query.check;
  // expect: CWE-78
  exec(cmd, { timeout: 5000 }, (err, stdout) => res.type("text/plain").send(err ? "error" : stdout));
};
