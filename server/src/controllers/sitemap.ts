import type { Core } from '@strapi/strapi';
import type { Context } from 'koa';

import { answerXml, servedUrl } from '../feeds/xml-response';
import { parseSitemapPage } from '../sitemap/query';
import { getService } from '../utils/get-service';

/** Crawlers come back often; five minutes of caching spares the server. */
const CACHE_CONTROL = 'public, max-age=300';

const createSitemapController = ({ strapi }: { strapi: Core.Strapi }) => ({
  async index(ctx: Context) {
    const page = parseSitemapPage(ctx.query);
    const xml = await getService('sitemap', { strapi }).render(page, servedUrl(strapi, ctx));
    answerXml(
      ctx,
      { xml },
      { type: 'application/xml; charset=utf-8', cacheControl: CACHE_CONTROL }
    );
  },
});

export default createSitemapController;
