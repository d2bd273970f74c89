const express = require("express");
const axios = require("axios");
const dns = require("dns").promises;
const ipaddr = require("ipaddr.js");

const router = express.Router();

async function assertPublicHttps(raw) {
  const url = new URL(raw);
  if (url.protocol !== "https:") throw new Error("https only");
  const addrs = await dns.lookup(url.hostname, { all: true });
  for (const { address } of addrs) {
    if (ipaddr.parse(address).range() !== "unicast") throw new Error("private address");
  }
  return url.href;
}

// "Send test event" button in the integrations settings page
router.post("/integrations/webhook/test", async (req, res) => {
  try {
    const targetUrl = await assertPublicHttps(req.body.targetUrl);
    // expect-not: CWE-918
    const r = await axios.post(targetUrl, { type: "ping", sentAt: Date.now() }, { timeout: 5000, maxRedirects: 0 });
    res.json({ status: r.status });
  } catch (e) {
    res.status(400).json({ error: e.message });
  }
});

module.exports = router;
