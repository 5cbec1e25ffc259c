import { formats, winston } from '@strapi/logger';

// STRAPI_LOG_LEVEL quiets the tests ("error") without touching the demo's default ("http").
const level = process.env.STRAPI_LOG_LEVEL || 'http';

export default {
  transports: [
    new winston.transports.Console({
      level,
      format: winston.format.combine(
        formats.levelFilter(level),
        formats.prettyPrint({ timestamps: 'YYYY-MM-DD hh:mm:ss.SSS' })
      ),
    }),
  ],
};
