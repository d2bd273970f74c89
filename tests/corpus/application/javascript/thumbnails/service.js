const { exec } = require("child_process");

function render(file, size) {
  // expect: CWE-78
  exec(`convert /uploads/${file} -resize ${size} /thumbs/${file}`);
}

function convert(id, format) {
  // `id` is a route parameter, but it is passed through Number() below.
  const n = Number(id);
  // expect-not: CWE-78
  exec("convert /thumbs/" + n + ".jpg /thumbs/" + n + "." + format);
}

function clean(dir) {
  // expect-not: CWE-78
  exec("rm -rf /thumbs/" + dir);
}

module.exports = { render, convert, clean };
