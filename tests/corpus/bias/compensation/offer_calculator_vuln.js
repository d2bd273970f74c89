// Suggests a starting salary for a new hire in the recruiting tool.
const BANDS = { L3: 95000, L4: 120000, L5: 150000, L6: 185000 };

function suggestOffer(candidate, level, location) {
  let base = BANDS[level] * (location.costIndex || 1);
  const age = new Date().getFullYear() - candidate.birthYear;
  // expect: bias
  if (age > 50) base *= 0.9; // "shorter runway"
  // expect: bias
  if (candidate.gender === "F") base -= 5000; // "matches historical acceptance"
  return Math.round(base / 500) * 500;
}

module.exports = { suggestOffer };
