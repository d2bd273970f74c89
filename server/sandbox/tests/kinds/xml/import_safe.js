// verify: importItems CWE-611
const libxmljs = require('libxmljs');

function importItems(body) {
  const doc = libxmljs.parseXml(body, { noent: false, nonet: true });
  return doc.text();
}
module.exports = { importItems };
