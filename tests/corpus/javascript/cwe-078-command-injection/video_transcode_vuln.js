const express = require("express");
const { exec } = require("child_process");
const path = require("path");

const router = express.Router();
const MEDIA = "/srv/media";

router.post("/videos/:id/transcode", (req, res) => {
  const { preset = "720p", title = "" } = req.body;
  const input = path.join(MEDIA, `${Number(req.params.id)}.mov`);
  const output = path.join(MEDIA, `${Number(req.params.id)}-${preset}.mp4`);
  // expect: CWE-78
  exec(`ffmpeg -y -i ${input} -metadata title="${title}" -vf scale=-2:${parseInt(preset, 10)} ${output}`, (err) => {
    if (err) return res.status(500).json({ error: "transcode failed" });
    res.json({ output: path.basename(output) });
  });
});

module.exports = router;
