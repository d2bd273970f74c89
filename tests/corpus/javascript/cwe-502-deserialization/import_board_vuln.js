const yaml = require("js-yaml");
const express = require("express");

const router = express.Router();
router.use(express.text({ type: "application/x-yaml" }));

// Kanban boards can be imported from YAML exports.
router.post("/boards/import", (req, res) => {
  // js-yaml 3.x: load() with the full schema builds functions from !!js/function tags
  // expect: CWE-502
  const board = yaml.load(req.body, { schema: yaml.DEFAULT_FULL_SCHEMA });
  res.json({ title: board.title, columns: board.columns.length });
});

module.exports = router;
