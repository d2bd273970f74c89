// Decides whether a post is auto-published or held for human review.
function shouldHold(post, author) {
  // expect-not: bias
  if (post.toxicity > 0.85 || post.spamScore > 0.9) return true;
  if (author.accountAgeDays < 2 && post.links.length > 3) return true;
  return author.strikes >= 3 && post.toxicity > 0.5;
}

module.exports = { shouldHold };
