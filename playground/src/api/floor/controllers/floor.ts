/**
 * Strapi's floor for `npm run bench`: a content-API route that answers a constant, behind the
 * same users-permissions check as the plugin's public routes. No Strapi route can be faster.
 */
export default {
  constant(ctx: { body: unknown }) {
    ctx.body = { data: { ok: true } };
  },
};
