// verify: highlight CWE-1333
function escapeRegExp(s) {
  return s.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
}

function highlight(text, word) {
  return text.replace(new RegExp(escapeRegExp(word), 'g'), (m) => `<mark>${m}</mark>`);
}
module.exports = { highlight };
