const express = require("express");
const router = express.Router();

// same language as before, written without nested quantifiers
// expect-not: CWE-1333
const SLUG = /^[a-z0-9]+(?:-[a-z0-9]+)*$/;

router.post("/pages", (req, res) => {
  const { slug, title } = req.body;
  if (typeof slug !== "string" || slug.length > 80 || !SLUG.test(slug)) return res.status(400).json({ error: "invalid slug" });
  res.status(201).json({ slug, title });
});

module.exports = router;
