// Parses uploaded .ini-style config files in the admin panel.
// expect-not: CWE-1333
const KEY = /^[\w.]{1,64}$/;

function parseIni(text) {
  const out = {};
  for (const line of text.split(/\r?\n/)) {
    const eq = line.indexOf("=");
    if (eq < 0) continue;
    const key = line.slice(0, eq).trim();
    if (KEY.test(key)) out[key] = line.slice(eq + 1).trim();
  }
  return out;
}

module.exports = { parseIni };
