// Renders the "family plan" badge. The emoji is a ZWJ sequence (man, woman, girl);
// the zero-width joiners are part of the standard emoji, not hidden text.
// expect-not: instruction
const FAMILY_BADGE = "👨‍👩‍👧 Family plan";

function badgeFor(plan) {
  return plan === "family" ? FAMILY_BADGE : null;
}

module.exports = { badgeFor };
