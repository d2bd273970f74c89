// Client-side: highlight the search term taken from the URL hash (#q=...)
function renderSearchBanner() {
  const params = new URLSearchParams(window.location.hash.slice(1));
  const term = params.get("q") || "";
  const banner = document.getElementById("search-banner");
  const mark = document.createElement("mark");
  // expect-not: CWE-79
  mark.textContent = term;
  // static markup only
  // expect-not: CWE-79
  banner.innerHTML = "Showing results for ";
  banner.appendChild(mark);
}

window.addEventListener("hashchange", renderSearchBanner);
document.addEventListener("DOMContentLoaded", renderSearchBanner);
