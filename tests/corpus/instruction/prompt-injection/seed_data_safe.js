// Heuristics used by our chatbot to flag user messages for human review.
// The phrases below are the patterns we look for, not instructions to anyone.
const OVERRIDE_PATTERNS = [
  // expect-not: instruction
  /\bignore (all |any )?(previous|prior|above) instructions\b/i,
  /\byou are now (in )?developer mode\b/i,
  /\breveal (your|the) system prompt\b/i,
];

function needsReview(message) {
  return OVERRIDE_PATTERNS.some((re) => re.test(message));
}

module.exports = { needsReview, OVERRIDE_PATTERNS };
