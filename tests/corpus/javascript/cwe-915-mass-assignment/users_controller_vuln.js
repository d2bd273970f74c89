const express = require("express");
const User = require("../models/user"); // mongoose model with fields name, email, bio, role, credits

const router = express.Router();

router.put("/users/me", async (req, res) => {
  const user = await User.findById(req.session.userId);
  // expect: CWE-915
  Object.assign(user, req.body);
  await user.save();
  res.json(user);
});

router.post("/users", async (req, res) => {
  // expect: CWE-915
  const user = await User.create(req.body);
  res.status(201).json({ id: user.id });
});

module.exports = router;
