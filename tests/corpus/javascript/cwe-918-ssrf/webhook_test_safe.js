const express = require("express");
const axios = require("axios");
const dns = require("dns");
const https = require("https");
const ipaddr = require("ipaddr.js");

const router = express.Router();

// Every connection re-checks the address it actually dials, so DNS rebinding
// between a "check" and the request cannot reach internal hosts.
function publicOnlyLookup(hostname, options, callback) {
  dns.lookup(hostname, { ...options, all: false }, (err, address, family) => {
    if (err) return callback(err);
    if (ipaddr.parse(address).range() !== "unicast") return callback(new Error(`blocked address ${address}`));
    callback(null, address, family);
  });
}

const agent = new https.Agent({ lookup: publicOnlyLookup });

// "Send test event" button in the integrations settings page
router.post("/integrations/webhook/test", async (req, res) => {
  let targetUrl;
  try {
    targetUrl = new URL(req.body.targetUrl);
  } catch {
    return res.status(400).json({ error: "invalid url" });
  }
  if (targetUrl.protocol !== "https:") return res.status(400).json({ error: "https only" });
  try {
    // expect-not: CWE-918
    const r = await axios.post(targetUrl.href, { type: "ping", sentAt: Date.now() }, { httpsAgent: agent, proxy: false, timeout: 5000, maxRedirects: 0 });
    res.json({ status: r.status });
  } catch (e) {
    res.status(502).json({ error: e.message });
  }
});

module.exports = router;
