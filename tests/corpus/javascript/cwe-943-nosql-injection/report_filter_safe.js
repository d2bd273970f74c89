const express = require("express");
const { db } = require("./mongo");

const router = express.Router();
const FIELDS = ["team", "quarter", "status"];

// GET /reports?filter={"team":"growth"}
router.get("/reports", async (req, res) => {
  const raw = JSON.parse(req.query.filter || "{}");
  const filter = { orgId: req.user.orgId };
  for (const field of FIELDS) {
    if (typeof raw[field] === "string") filter[field] = raw[field];
  }
  // expect-not: CWE-943
  const docs = await db.collection("reports").find(filter).toArray();
  res.json(docs);
});

module.exports = router;
