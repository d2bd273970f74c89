// verify: onSearch CWE-117
const logger = require('./logger');

function onSearch(term) {
  logger.info('search term: ' + term);
  return [];
}
module.exports = { onSearch };
