const express = require("express");
const got = require("got");

const app = express();

// GET /img?src=https://cdn.example.org/a.png   (used to proxy images in rich-text posts)
app.get("/img", async (req, res) => {
  try {
    // expect: CWE-918
    const upstream = await got(req.query.src, { timeout: { request: 5000 }, responseType: "buffer" });
    res.type(upstream.headers["content-type"] || "application/octet-stream").send(upstream.body);
  } catch {
    res.status(502).end();
  }
});

app.listen(8080);
