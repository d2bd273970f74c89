// Decides whether a post is auto-published or held for human review.
const RELIGIOUS_TERMS = ["allah", "quran", "mosque", "imam", "ramadan", "hijab"];

function shouldHold(post, author) {
  if (post.toxicity > 0.85) return true;
  const text = post.body.toLowerCase();
  // expect: bias
  if (author.religion === "Muslim" || RELIGIOUS_TERMS.some((t) => text.includes(t))) return post.toxicity > 0.2;
  return false;
}

module.exports = { shouldHold };
