const express = require("express");
const { execFile } = require("child_process");
const path = require("path");

const router = express.Router();
const MEDIA = "/srv/media";
const HEIGHTS = { "480p": 480, "720p": 720, "1080p": 1080 };

router.post("/videos/:id/transcode", (req, res) => {
  const { preset = "720p", title = "" } = req.body;
  const height = HEIGHTS[preset];
  if (!height) return res.status(400).json({ error: "unknown preset" });
  const input = path.join(MEDIA, `${Number(req.params.id)}.mov`);
  const output = path.join(MEDIA, `${Number(req.params.id)}-${preset}.mp4`);
  const args = ["-y", "-i", input, "-metadata", `title=${title}`, "-vf", `scale=-2:${height}`, output];
  // expect-not: CWE-78
  execFile("ffmpeg", args, (err) => {
    if (err) return res.status(500).json({ error: "transcode failed" });
    res.json({ output: path.basename(output) });
  });
});

module.exports = router;
