const express = require("express");
const logger = require("./logger"); // winston, JSON transport (one JSON object per line)

const router = express.Router();

router.post("/webhooks/payments", express.json(), (req, res) => {
  const { event, reference } = req.body;
  // structured fields are JSON-encoded by the transport, so newlines are escaped
  // expect-not: CWE-117
  logger.info("payment webhook", { event: String(event), reference: String(reference), from: req.ip });
  res.sendStatus(204);
});

module.exports = router;
