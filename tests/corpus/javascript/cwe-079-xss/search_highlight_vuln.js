// Client-side: highlight the search term taken from the URL hash (#q=...)
function renderSearchBanner() {
  const params = new URLSearchParams(window.location.hash.slice(1));
  const term = params.get("q") || "";
  const banner = document.getElementById("search-banner");
  // expect: CWE-79
  banner.innerHTML = "Showing results for <mark>" + term + "</mark>";
}

window.addEventListener("hashchange", renderSearchBanner);
document.addEventListener("DOMContentLoaded", renderSearchBanner);
