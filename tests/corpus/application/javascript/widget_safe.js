/* global $ */
// Highlights the row the page's hash names.
function highlight() {
  const selector = window.location.hash.slice(1);
  // expect-not: CWE-943
  $("#notes").find("[data-id='" + CSS.escape(selector) + "']").addClass("active");
}

document.addEventListener("DOMContentLoaded", highlight);
