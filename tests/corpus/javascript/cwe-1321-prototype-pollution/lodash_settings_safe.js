const _ = require("lodash");
const express = require("express");

const router = express.Router();
const orgSettings = {};
const SETTABLE = new Set(["notifications.email", "notifications.slack", "billing.currency", "ui.theme"]);

// PATCH /settings { "path": "notifications.email", "value": true }
router.patch("/settings", (req, res) => {
  const { path, value } = req.body;
  if (!SETTABLE.has(path)) return res.status(400).json({ error: "unknown setting" });
  // expect-not: CWE-1321
  _.set(orgSettings, path, value);
  res.json(orgSettings);
});

module.exports = router;
