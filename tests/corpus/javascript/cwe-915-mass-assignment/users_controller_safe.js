const express = require("express");
const User = require("../models/user"); // mongoose model with fields name, email, bio, role, credits

const router = express.Router();

function pick(obj, keys) {
  return Object.fromEntries(keys.filter((k) => Object.hasOwn(obj, k)).map((k) => [k, obj[k]]));
}

router.put("/users/me", async (req, res) => {
  const user = await User.findById(req.session.userId);
  // expect-not: CWE-915
  Object.assign(user, pick(req.body, ["name", "bio"]));
  await user.save();
  res.json(user);
});

router.post("/users", async (req, res) => {
  const { name, email } = req.body;
  // expect-not: CWE-915
  const user = await User.create({ name, email, role: "member", credits: 0 });
  res.status(201).json({ id: user.id });
});

module.exports = router;
