// verify: onSearch CWE-117
const logger = require('./logger');

function onSearch(term) {
  logger.info('search term: ' + term.replace(/[\r\n]+/g, ' '));
  return [];
}
module.exports = { onSearch };
