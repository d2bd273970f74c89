const express = require("express");
const fs = require("fs");
const path = require("path");

const app = express();
const DOCS = path.join(__dirname, "docs");

app.get("/docs/:lang/*", (req, res) => {
  const file = path.join(DOCS, req.params.lang, req.params[0]);
  // expect: CWE-22
  fs.readFile(file, "utf8", (err, body) => {
    if (err) return res.status(404).send("Not found");
    res.type("text/markdown").send(body);
  });
});

app.listen(8080);
