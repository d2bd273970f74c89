const express = require("express");
const router = express.Router();

// words separated by dashes; the nested group backtracks exponentially on "aaaa...a!"
// expect: CWE-1333
const SLUG = /^([a-z0-9]+-?)+$/;

router.post("/pages", (req, res) => {
  const { slug, title } = req.body;
  if (!SLUG.test(slug)) return res.status(400).json({ error: "invalid slug" });
  res.status(201).json({ slug, title });
});

module.exports = router;
