const express = require("express");
const bcrypt = require("bcrypt");
const { db } = require("./mongo");

const router = express.Router();
router.use(express.json());

function escapeRegExp(s) {
  return s.replace(/[.*+?^${}()|[\]\\]/g, "\\$&");
}

router.post("/login", async (req, res) => {
  if (typeof req.body.email !== "string" || typeof req.body.password !== "string") {
    return res.status(400).json({ error: "bad request" });
  }
  // expect-not: CWE-943
  const user = await db.collection("users").findOne({ email: req.body.email });
  if (!user || !(await bcrypt.compare(req.body.password, user.passwordHash))) {
    return res.status(401).json({ error: "invalid" });
  }
  req.session.userId = user._id;
  res.json({ ok: true });
});

router.get("/users/search", async (req, res) => {
  const prefix = escapeRegExp(String(req.query.prefix ?? "")).slice(0, 50);
  // expect-not: CWE-943
  const users = await db.collection("users").find({ name: { $regex: "^" + prefix } }).toArray();
  res.json(users.map((u) => ({ id: u._id, name: u.name })));
});

module.exports = router;
