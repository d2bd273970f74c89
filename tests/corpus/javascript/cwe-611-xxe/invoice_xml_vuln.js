const express = require("express");
const libxmljs = require("libxmljs2");

const router = express.Router();
router.use(express.text({ type: ["application/xml", "text/xml"] }));

router.post("/einvoice", (req, res) => {
  // noent substitutes entities, including external SYSTEM ones
  // expect: CWE-611
  const doc = libxmljs.parseXml(req.body, { noent: true, dtdload: true });
  const total = doc.get("//*[local-name()='PayableAmount']");
  res.json({ total: total ? total.text() : null });
});

module.exports = router;
