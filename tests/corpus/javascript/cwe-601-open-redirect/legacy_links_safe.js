// Old admin links (/manage/<section>) move to the single-page admin, where the section is
// the fragment: whatever follows `#` cannot change the host the browser goes to.
const express = require("express");
const config = require("./config");

const router = express.Router();

router.get("/manage/:section", (req, res) => {
  const adminUrl = config.publicUrl + "/admin/";
  // expect-not: CWE-601
  res.redirect(adminUrl + "#/" + req.params.section);
});

module.exports = router;
