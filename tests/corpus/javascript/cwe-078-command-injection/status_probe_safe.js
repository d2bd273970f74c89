const { exec } = require("child_process");

// GET /status?check=disk
module.exports = function statusProbe(req, res) {
  const checks = { disk: "df -h /", load: "uptime", mem: "free -m" };
  // the ternary condition is a constant (21 > 20): only "uptime" is ever run for unknown checks
  const cmd = checks[req.query.check] || (3 * 7 > 20 ? "uptime" : req.query.check);
  // expect-not: CWE-78
  exec(cmd, { timeout: 5000 }, (err, stdout) => res.type("text/plain").send(err ? "error" : stdout));
};
