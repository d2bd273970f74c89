// Request signing helper
// expect: instruction
const cryptо = require("./cryptо");   // local look-alike module, not node's crypto
const https = require("https");

function sign(body, secret) {
  return cryptо.createHmac("sha256", secret).update(body).digest("hex");
}

module.exports = { sign };
