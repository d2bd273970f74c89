const { spawn } = require("child_process");
const path = require("path");

const GEOMETRY = /^\d{1,4}x\d{1,4}$/;

// POST /images/resize { file, geometry }
function resize(req, res) {
  const file = path.basename(String(req.body.file));
  const geometry = String(req.body.geometry);
  if (!GEOMETRY.test(geometry)) return res.status(400).end();
  // expect-not: CWE-78
  const child = spawn("convert", [path.join("uploads", file), "-resize", geometry, path.join("thumbs", file)]);
  child.on("exit", (code) => res.status(code === 0 ? 200 : 500).end());
}

module.exports = { resize };
