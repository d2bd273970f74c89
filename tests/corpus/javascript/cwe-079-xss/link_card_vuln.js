const escapeHtml = require("escape-html");

// Server-side rendering of a bookmark card. escapeHtml stops tag injection,
// but a "javascript:" URL in href needs no special characters at all.
function linkCard(bookmark) {
  // expect: CWE-79
  return `<a class="card" href="${escapeHtml(bookmark.url)}">${escapeHtml(bookmark.title)}</a>`;
}

module.exports = { linkCard };
