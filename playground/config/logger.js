const {
  winston,
  formats: { prettyPrint, levelFilter },
} = require('@strapi/logger');

// STRAPI_LOG_LEVEL quiets the tests ("warn") without touching the demo's default ("http").
const level = process.env.STRAPI_LOG_LEVEL || 'http';

module.exports = {
  transports: [
    new winston.transports.Console({
      level,
      format: winston.format.combine(
        levelFilter(level),
        prettyPrint({ timestamps: 'YYYY-MM-DD hh:mm:ss.SSS' })
      ),
    }),
  ],
};
