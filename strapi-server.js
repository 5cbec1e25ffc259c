'use strict';

// Root entry for Strapi setups that look for `strapi-server.js` beside package.json.
module.exports = require('./dist/server');
