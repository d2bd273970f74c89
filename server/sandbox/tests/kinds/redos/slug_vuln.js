// verify: isSlug CWE-1333
const SLUG = /^([a-z0-9]+-?)+$/;

function isSlug(text) {
  return SLUG.test(text);
}
module.exports = { isSlug };
