const express = require("express");
const fs = require("fs");
const path = require("path");

const app = express();
const DOCS = path.resolve(__dirname, "docs");

app.get("/docs/:lang/*", (req, res) => {
  const file = path.resolve(DOCS, req.params.lang, req.params[0]);
  if (!file.startsWith(DOCS + path.sep)) return res.status(400).send("Bad path");
  // expect-not: CWE-22
  fs.readFile(file, "utf8", (err, body) => {
    if (err) return res.status(404).send("Not found");
    res.type("text/markdown").send(body);
  });
});

app.listen(8080);
