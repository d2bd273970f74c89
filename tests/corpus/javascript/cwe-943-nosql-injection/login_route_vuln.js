const express = require("express");
const bcrypt = require("bcrypt");
const { db } = require("./mongo");

const router = express.Router();
router.use(express.json());

router.post("/login", async (req, res) => {
  // {"email": {"$ne": null}} matches the first user in the collection
  // expect: CWE-943
  const user = await db.collection("users").findOne({ email: req.body.email });
  if (!user || !(await bcrypt.compare(String(req.body.password), user.passwordHash))) {
    return res.status(401).json({ error: "invalid" });
  }
  req.session.userId = user._id;
  res.json({ ok: true });
});

router.get("/users/search", async (req, res) => {
  // expect: CWE-943
  const users = await db.collection("users").find({ $where: `this.name.startsWith('${req.query.prefix}')` }).toArray();
  res.json(users.map((u) => ({ id: u._id, name: u.name })));
});

module.exports = router;
