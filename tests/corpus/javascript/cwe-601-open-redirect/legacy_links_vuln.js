// Old admin links forward to wherever the `to` parameter says, then add the section as
// the fragment: the host is the visitor's choice.
const express = require("express");

const router = express.Router();

router.get("/manage/:section", (req, res) => {
  // expect: CWE-601
  res.redirect(req.query.to + "#/" + req.params.section);
});

module.exports = router;
