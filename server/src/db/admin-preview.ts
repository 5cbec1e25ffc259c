/**
 * Strapi's preview (the Content Manager's "Open preview"), given a handler for one content type,
 * as @strapi/content-manager 5.54.0 reads it: its `preview-config` service reads the app's
 * `admin.preview` (`{ enabled, config: { allowedOrigins, handler(uid, params) } }`) on each call
 * of `GET /content-manager/preview/url/:uid`, not once at boot, so a value set in a plugin's
 * register is the one used; and the admin frames the site only when `strapi::security`'s CSP
 * `frame-src` lists its origin, which the Content Manager adds from `allowedOrigins` in its own
 * register (it may have run already, so the origin is added here as well). Strapi documents the
 * `config/admin` option, not a way for a plugin to contribute to it;
 * tests/api/strapi-internals.test.ts checks both readings.
 */
import type { Core } from '@strapi/strapi';
import { extendMiddlewareConfiguration } from '@strapi/utils';

export interface PreviewParams {
  documentId?: string;
  locale?: string | null;
  status?: string;
}

export type PreviewHandler = (
  uid: string,
  params: PreviewParams
) => Promise<string | null | undefined> | string | null | undefined;

interface PreviewSetting {
  enabled?: boolean;
  config?: { allowedOrigins?: string | string[]; handler?: PreviewHandler } & Record<
    string,
    unknown
  >;
}

const asList = (value: string | string[] | undefined) =>
  value === undefined ? [] : Array.isArray(value) ? value : [value];

/**
 * Makes `handler` answer the preview of `uid`; the app's own handler, if any, still answers
 * every other content type. An app that turns preview off (`preview.enabled: false`) keeps it
 * off: the answer is false.
 */
export const contributePreview = (
  strapi: Core.Strapi,
  uid: string,
  origin: string,
  handler: (params: PreviewParams) => Promise<string | undefined>
): boolean => {
  const current = strapi.config.get('admin.preview') as PreviewSetting | undefined;
  if (current?.enabled === false) return false;
  const appHandler = current?.config?.handler;
  const allowedOrigins = asList(current?.config?.allowedOrigins);
  strapi.config.set('admin.preview', {
    ...current,
    enabled: true,
    config: {
      ...current?.config,
      allowedOrigins: allowedOrigins.includes(origin)
        ? allowedOrigins
        : [...allowedOrigins, origin],
      handler: (requested: string, params: PreviewParams) =>
        requested === uid ? handler(params) : appHandler?.(requested, params),
    },
  });
  const middlewares = strapi.config.get('middlewares') as Parameters<
    typeof extendMiddlewareConfiguration
  >[0];
  strapi.config.set(
    'middlewares',
    extendMiddlewareConfiguration(middlewares, {
      name: 'strapi::security',
      config: { contentSecurityPolicy: { directives: { 'frame-src': [origin] } } },
    })
  );
  return true;
};
