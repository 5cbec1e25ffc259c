'use strict';

// Root entry for Strapi setups that look for `strapi-server.js` beside package.json: the built
// server (`dist/server`), unwrapped from its ES module default export.
const server = require('./dist/server');

module.exports = server.default ?? server;
