const express = require("express");
const libxmljs = require("libxmljs2");

const router = express.Router();
router.use(express.text({ type: ["application/xml", "text/xml"] }));

router.post("/einvoice", (req, res) => {
  // expect-not: CWE-611
  const doc = libxmljs.parseXml(req.body, { noent: false, dtdload: false, nonet: true });
  const total = doc.get("//*[local-name()='PayableAmount']");
  res.json({ total: total ? total.text() : null });
});

module.exports = router;
