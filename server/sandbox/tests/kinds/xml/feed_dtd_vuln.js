// verify: readFeed CWE-611
const libxml = require('libxmljs2');

function readFeed(xml) {
  return libxml.parseXmlString(xml, { dtdload: true, noblanks: true });
}
module.exports = { readFeed };
