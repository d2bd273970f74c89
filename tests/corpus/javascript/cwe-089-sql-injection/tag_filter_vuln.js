const sqlite3 = require("better-sqlite3");
const db = sqlite3("notes.db");

// GET /notes?tag=...  encodeURIComponent leaves ' ( ) * ! ~ untouched
function notesByTag(req, res) {
  const tag = encodeURIComponent(req.query.tag || "");
  // expect: CWE-89
  const rows = db.prepare(`SELECT id, title FROM notes WHERE tag = '${tag}'`).all();
  res.json(rows);
}

module.exports = { notesByTag };
