const path = require('path');

module.exports = ({ env }) => ({
  'users-permissions': {
    config: { jwtSecret: env('JWT_SECRET', 'playground-users-permissions-jwt-secret') },
  },
  // The plugin under development, loaded from the repository root (its built `dist/`).
  blog: { enabled: true, resolve: path.resolve(__dirname, '..', '..') },
});
