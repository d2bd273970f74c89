const sqlite3 = require("better-sqlite3");
const db = sqlite3("notes.db");

function notesByTag(req, res) {
  const tag = String(req.query.tag || "");
  // expect-not: CWE-89
  const rows = db.prepare("SELECT id, title FROM notes WHERE tag = ?").all(tag);
  res.json(rows);
}

module.exports = { notesByTag };
