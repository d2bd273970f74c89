const express = require("express");
const got = require("got");

const app = express();
const IMAGE_HOSTS = new Set(["cdn.example.org", "images.example.org", "i.imgur.com"]);

// GET /img?src=https://cdn.example.org/a.png   (used to proxy images in rich-text posts)
app.get("/img", async (req, res) => {
  let src;
  try {
    src = new URL(String(req.query.src));
  } catch {
    return res.status(400).end();
  }
  if (src.protocol !== "https:" || !IMAGE_HOSTS.has(src.hostname) || src.port !== "") return res.status(400).end();
  try {
    // expect-not: CWE-918
    const upstream = await got(src.href, { timeout: { request: 5000 }, responseType: "buffer", followRedirect: false });
    res.type(upstream.headers["content-type"] || "application/octet-stream").send(upstream.body);
  } catch {
    res.status(502).end();
  }
});

app.listen(8080);
