const express = require("express");

const app = express();
app.use(express.json());

app.post("/notes", (req, res) => {
  const title = req.body.title;
  // expect-not: CWE-79
  res.status(400).send({ status: "error", reason: "title too long: " + title });
});

app.get("/notes/:id", (req, res) => {
  // expect-not: CWE-79
  res.send({ id: req.params.id, body: "" });
});

module.exports = app;
