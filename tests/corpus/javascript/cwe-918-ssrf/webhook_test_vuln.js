const express = require("express");
const axios = require("axios");

const router = express.Router();

// "Send test event" button in the integrations settings page
router.post("/integrations/webhook/test", async (req, res) => {
  const { targetUrl } = req.body;
  try {
    // expect: CWE-918
    const r = await axios.post(targetUrl, { type: "ping", sentAt: Date.now() }, { timeout: 5000 });
    res.json({ status: r.status, body: String(r.data).slice(0, 2000) });
  } catch (e) {
    res.status(502).json({ error: e.message });
  }
});

module.exports = router;
