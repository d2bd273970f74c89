// Thumbnail routes: request fields go to the service module, which runs the tools.
// The sinks are labelled in service.js.
const express = require("express");
const thumbnails = require("./service");
const { sizeFor } = require("./sizes");

const router = express.Router();
const FORMATS = ["png", "webp"];

router.post("/thumbnails", (req, res) => {
  thumbnails.render(req.body.file, sizeFor(req.body.size));
  res.status(202).end();
});

router.post("/thumbnails/convert", (req, res) => {
  const format = req.body.format;
  if (!FORMATS.includes(format)) {
    return res.status(400).end();
  }
  thumbnails.convert(req.params.id, format);
  res.status(202).end();
});

module.exports = router;
