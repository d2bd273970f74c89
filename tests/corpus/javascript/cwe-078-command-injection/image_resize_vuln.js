const { spawn } = require("child_process");

// POST /images/resize { file, geometry }
function resize(req, res) {
  const { file, geometry } = req.body;
  // an argv array, but the program is a shell and the script is built from input
  // expect: CWE-78
  const child = spawn("sh", ["-c", `convert uploads/${file} -resize ${geometry} thumbs/${file}`]);
  child.on("exit", (code) => res.status(code === 0 ? 200 : 500).end());
}

module.exports = { resize };
