const express = require("express");
const cookieParser = require("cookie-parser");

const app = express();
app.use(cookieParser());

app.get("/dashboard", (req, res) => {
  let prefs = { theme: "light", widgets: [] };
  if (req.cookies.prefs) {
    try {
      const raw = Buffer.from(req.cookies.prefs, "base64").toString();
      // expect-not: CWE-502
      const parsed = JSON.parse(raw);
      prefs = {
        theme: parsed.theme === "dark" ? "dark" : "light",
        widgets: Array.isArray(parsed.widgets) ? parsed.widgets.filter((w) => typeof w === "string").slice(0, 20) : [],
      };
    } catch {
      /* keep defaults */
    }
  }
  res.render("dashboard", { prefs });
});

app.listen(3000);
