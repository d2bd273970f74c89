const express = require("express");
const { db } = require("./mongo");

const router = express.Router();

// GET /reports?filter={"team":"growth"}
router.get("/reports", async (req, res) => {
  const filter = JSON.parse(req.query.filter || "{}");
  // expect: CWE-943
  const docs = await db.collection("reports").find({ ...filter, orgId: req.user.orgId }).toArray();
  res.json(docs);
});

module.exports = router;
