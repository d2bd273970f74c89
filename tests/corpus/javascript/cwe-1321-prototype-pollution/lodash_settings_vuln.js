const _ = require("lodash");
const express = require("express");

const router = express.Router();
const orgSettings = {};

// PATCH /settings { "path": "notifications.email", "value": true }
router.patch("/settings", (req, res) => {
  const { path, value } = req.body;
  // expect: CWE-1321
  _.set(orgSettings, path, value);
  res.json(orgSettings);
});

module.exports = router;
