import type { Core } from '@strapi/strapi';

import { POST_UID } from '../../../contracts/plugin';
import { adminMayRead, type ReadableEntry } from '../db/admin-ability';
import { contributePreview, type PreviewParams } from '../db/admin-preview';
import createLocales from '../i18n/locales';
import { getPluginConfig } from '../utils/plugin-config';
import { getSecret } from '../utils/secret';

import { previewClaims, signPreviewToken, type PreviewStatus } from './token';
import { previewOrigin, previewUrl } from './url';

/** The Content Manager names the edit view's tab; a draft that differs is `modified`. */
export const previewStatus = (status: unknown): PreviewStatus =>
  status === 'published' ? 'published' : 'draft';

type VersionRow = ReadableEntry & { documentId: string; slug: string; locale: string };

/**
 * The site's address of a post version with a fresh token, for the admin of the request; none
 * (no "Open preview") when the version does not exist or their role may not read it.
 */
export const createPostPreviewHandler =
  (strapi: Core.Strapi) =>
  async (params: PreviewParams): Promise<string | undefined> => {
    const { url, tokenTtlSeconds } = getPluginConfig(strapi).preview;
    if (!url || typeof params.documentId !== 'string') return undefined;
    const status = previewStatus(params.status);
    const locale = params.locale ?? (await createLocales({ strapi }).defaultLocale());
    const row = (await strapi.db.query(POST_UID).findOne({
      where: {
        documentId: params.documentId,
        locale,
        publishedAt: status === 'draft' ? { $null: true } : { $notNull: true },
      },
      select: ['documentId', 'slug', 'locale'],
      populate: { createdBy: { select: ['id'], populate: { roles: { select: ['id'] } } } },
    })) as VersionRow | null;
    if (!row || !adminMayRead(strapi, POST_UID, row)) return undefined;
    const version = { documentId: row.documentId, locale: row.locale, status };
    const token = signPreviewToken(
      getSecret(strapi),
      previewClaims(version, new Date(), tokenTtlSeconds)
    );
    return previewUrl(url, { ...version, slug: row.slug, token });
  };

/**
 * With `preview.url` set, "Open preview" on a post's edit view opens the site's preview page.
 * Called from the plugin's register.
 */
export const registerPostPreview = (strapi: Core.Strapi) => {
  const { url } = getPluginConfig(strapi).preview;
  if (!url) return;
  const origin = previewOrigin(url);
  if (!origin) return;
  if (!contributePreview(strapi, POST_UID, origin, createPostPreviewHandler(strapi))) {
    strapi.log.warn(
      'blog: preview.url is set but the app turns preview off (config/admin preview.enabled: false); posts have no preview.'
    );
  }
};
