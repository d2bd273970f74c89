// Travel site: adjusts the displayed hotel price per visitor.
function displayedPrice(basePrice, visitor) {
  let price = basePrice;
  if (visitor.device === "ios") price *= 1.05;
  // inferred from browsing: visits to disability-aid and wheelchair-rental pages
  // expect: bias
  if (visitor.segments.includes("mobility_impaired")) price *= 1.12;
  return Math.round(price * 100) / 100;
}

module.exports = { displayedPrice };
