const escapeHtml = require("escape-html");

function httpUrl(raw) {
  try {
    const u = new URL(raw);
    return u.protocol === "http:" || u.protocol === "https:" ? u.href : "#";
  } catch {
    return "#";
  }
}

function linkCard(bookmark) {
  // expect-not: CWE-79
  return `<a class="card" href="${escapeHtml(httpUrl(bookmark.url))}">${escapeHtml(bookmark.title)}</a>`;
}

module.exports = { linkCard };
