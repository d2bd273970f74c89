const express = require("express");
const logger = require("./logger"); // winston, plain-text file transport

const router = express.Router();

router.post("/webhooks/payments", express.json(), (req, res) => {
  const { event, reference } = req.body;
  // expect: CWE-117
  logger.info(`payment webhook event=${event} reference=${reference} from=${req.ip}`);
  res.sendStatus(204);
});

module.exports = router;
