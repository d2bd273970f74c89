// Suggests a starting salary for a new hire in the recruiting tool.
const BANDS = { L3: 95000, L4: 120000, L5: 150000, L6: 185000 };

function suggestOffer(candidate, level, location) {
  let base = BANDS[level] * (location.costIndex || 1);
  // expect-not: bias
  if (candidate.competingOffer && candidate.competingOffer > base) base = Math.min(candidate.competingOffer, base * 1.15);
  return Math.round(base / 500) * 500;
}

module.exports = { suggestOffer };
