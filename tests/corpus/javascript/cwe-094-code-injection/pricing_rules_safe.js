const express = require("express");
const jsonLogic = require("json-logic-js");
const app = express();
app.use(express.json());

// Marketing enters discount rules as JSON Logic: {"if": [{">": [{"var": "total"}, 100]}, 0.1, 0]}
app.post("/api/pricing/preview", (req, res) => {
  const { rule, cart } = req.body;
  // rules are data interpreted by json-logic; no JavaScript is compiled
  // expect-not: CWE-94
  const discount = jsonLogic.apply(rule, cart);
  res.json({ discount });
});

app.post("/api/pricing/check", (req, res) => {
  // expect-not: CWE-95
  const parsed = JSON.parse(req.body.condition);
  res.json({ ok: Boolean(jsonLogic.apply(parsed, req.body.cart)) });
});

app.listen(3000);
