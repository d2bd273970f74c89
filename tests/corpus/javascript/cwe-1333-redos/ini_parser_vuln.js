// Parses uploaded .ini-style config files in the admin panel.
// expect: CWE-1333
const LINE = /^\s*([\w.]+\s*)+=\s*(.*)$/;

function parseIni(text) {
  const out = {};
  for (const line of text.split(/\r?\n/)) {
    const m = LINE.exec(line);
    if (m) out[m[1].trim()] = m[2].trim();
  }
  return out;
}

module.exports = { parseIni };
