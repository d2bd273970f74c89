const express = require("express");
const { unsubscribe } = require("./mailing");

const app = express();

app.get("/unsubscribe", async (req, res) => {
  const email = req.query.email || "";
  await unsubscribe(email);
  // expect: CWE-79
  res.send(`<html><body><p>${email} will no longer receive our newsletter.</p></body></html>`);
});

app.listen(3000);
