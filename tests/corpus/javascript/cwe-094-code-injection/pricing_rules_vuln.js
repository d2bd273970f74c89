const express = require("express");
const app = express();
app.use(express.json());

// Marketing enters discount rules like "cart.total > 100 ? 0.1 : 0"
app.post("/api/pricing/preview", (req, res) => {
  const { rule, cart } = req.body;
  // expect: CWE-94
  const fn = new Function("cart", `return (${rule});`);
  res.json({ discount: fn(cart) });
});

app.post("/api/pricing/check", (req, res) => {
  const cart = req.body.cart;
  // expect: CWE-95
  const ok = eval(req.body.condition);
  res.json({ ok: Boolean(ok), items: cart.items.length });
});

app.listen(3000);
