import path from 'path';

import { yup } from '@strapi/utils';

import { partialSettingsSchema, type ModerationSettings } from '../moderation/settings';

/** Options of `config/plugins` → `blog.config`. */
export interface BlogPluginConfig {
  /** Page size of the public lists when the request names none. */
  defaultPageSize: number;
  /** Largest page a public list answers, whatever the request asks (`limit=-1` included). */
  maxPageSize: number;
  /**
   * Defaults of the moderation settings (Settings → Blog), until an admin saves them. Each key
   * as in `PUT /blog/settings`.
   */
  moderation: Partial<ModerationSettings>;
  /** Secret for IP hashes, flood keys and form tokens; by default derived from the app keys. */
  secret: string | null;
  /** How long a comment form token stays good. */
  formTokenTtlSeconds: number;
  /** Who receives a notice by email when a comment is held (needs Strapi's email plugin). */
  moderatorEmails: string[];
  /** The Atom feeds (`/api/blog/feed.xml`, `/api/blog/posts/:slug/comments/feed.xml`). */
  feed: FeedConfig;
  /** The sitemap (`/api/blog/sitemap.xml`). */
  sitemap: SitemapConfig;
  /** Bounds on the work one request may ask for; each refusal is a 4xx naming the limit. */
  limits: LimitsConfig;
  /** Importing WordPress and Blogger exports: where their images may be read from. */
  import: ImportConfig;
  /** Strapi's preview of posts ("Open preview" on a post's edit view); off without a `url`. */
  preview: PreviewConfig;
  /** The plugin's mail (docs/notifications.md): sent through Strapi's email plugin. */
  mail: MailConfig;
  /** The exact cache of public answers and their HTTP caching headers (docs/caching.md). */
  cache: CacheConfig;
}

export interface CacheConfig {
  /** Answers anonymous public reads from memory while nothing they show has changed. */
  enabled: boolean;
  /** The memory the cached answers may take, in bytes (answers, keys and bookkeeping). */
  maxBytes: number;
  /** `Cache-Control` of the public JSON answers (the feeds and the sitemap keep their own). */
  cacheControl: string;
  /**
   * The header naming each answer's surrogate keys, for CDNs that purge by key
   * (`Surrogate-Key` for Fastly, `Cache-Tag` for Cloudflare, `xkey` for Varnish); null: none.
   */
  surrogateKeyHeader: string | null;
  /** A URL called with the keys each write invalidated; off without a `url`. */
  purge: CachePurgeConfig;
}

export interface CachePurgeConfig {
  /** Where to send the keys; null: no call. */
  url: string | null;
  /** The request's method (`POST`, or `PURGE` / `BAN` for a cache that takes them). */
  method: string;
  /** Headers sent with each call (a token the CDN asks for). */
  headers: Record<string, string>;
  /** How long one call may take. */
  timeoutMs: number;
}

export interface MailConfig {
  /** The sender of every mail; null: the email plugin's `defaultFrom`. */
  from: string | null;
  /**
   * The address readers' links point to: the Strapi server as readers reach it (`https://api.example.com`),
   * where `/api/blog/subscriptions/...` and `/api/blog/moderation-links/...` answer. Null:
   * Strapi's `server.url`.
   */
  publicUrl: string | null;
  /** How long a moderator's approve / spam / reject link stays good. */
  linkTtlHours: number;
  /** How long a subscription's confirmation link stays good. */
  confirmTtlHours: number;
  /** A mail the SMTP server refused is tried again, `attempts` times in all, waiting longer each time. */
  retry: {
    attempts: number;
    /** The first wait; each next one is twice as long. */
    delaySeconds: number;
  };
}

export interface PreviewConfig {
  /**
   * A post's preview page on the site, with `{token}` and any of `{slug}`, `{locale}`,
   * `{documentId}`, `{status}`:
   * `https://site.example/{locale}/blog/{slug}?document={documentId}&preview={token}`. The site
   * reads the version with `GET /api/blog/preview/posts/:documentId`. Null: no preview.
   */
  url: string | null;
  /** How long a preview token stays good. */
  tokenTtlSeconds: number;
}

export interface ImportConfig {
  /**
   * Folders under which the admin's Import view may read a copy of a site's uploads folder
   * (absolute paths). Empty: the view's uploads folder option is refused (the command takes any).
   */
  uploadsRoots: string[];
  /**
   * Fetch images from private, loopback and link-local addresses too (an intranet, a test
   * server). Off: an export's image URLs cannot make the server reach its own network.
   */
  allowPrivateAddresses: boolean;
  /** How long one image may take to download. */
  fetchTimeoutMs: number;
}

export interface LimitsConfig {
  /** Largest JSON body a public route (`/api/blog/...`) takes, in bytes; checked before parsing. */
  bodyBytes: number;
  /** Public `filters`: what one query may ask of the database. */
  query: {
    /** Conditions (field + operator) in all. */
    maxConditions: number;
    /** Nesting of `$and`/`$or`/`$not` and fields. */
    maxDepth: number;
    /** Filters through a component or relation (each is a join). */
    maxJoins: number;
    /** Characters in one filter value (a `$containsi` on long text scans every row). */
    maxValueLength: number;
    /** Largest `pagination[start]` (offset) or page × pageSize a list answers. */
    maxOffset: number;
  };
  /** The plugin's GraphQL queries and mutation. */
  graphql: {
    /** Cost of one operation: each plugin field costs 1, a list 1 per item it may answer. */
    maxCost: number;
    /** Bytes of data the plugin's resolvers may answer in one request. */
    maxAnswerBytes: number;
  };
  /** Largest post (body, lessons and text fields as JSON) an editor or an import may save. */
  postBytes: number;
  /** The images an import reads (featured images and images in the posts' bodies). */
  import: {
    /** Image files one import reads (from the uploads folder or over HTTP); more are listed. */
    mediaFiles: number;
    /** Largest image file an import reads. */
    imageBytes: number;
  };
}

export interface FeedConfig {
  title: string;
  subtitle: string | null;
  /** The feed's author when a post names none. Default: the title. */
  author: string | null;
  /** The site's home page, where readers read the posts. */
  siteUrl: string | null;
  /**
   * A post's page on the site, with `{slug}` and optionally `{locale}`:
   * `https://example.com/blog/{slug}`.
   */
  postUrl: string | null;
  /** Entries per feed, newest first. */
  size: number;
}

export interface SitemapConfig {
  /**
   * A post's page on the site, with `{slug}` and optionally `{locale}`:
   * `https://example.com/{locale}/blog/{slug}`. Default: `feed.postUrl`; with neither, the
   * sitemap answers 404.
   */
  postUrl: string | null;
  /** URLs per sitemap file; past it, `/sitemap.xml` is an index of `?page=N` files. */
  pageSize: number;
}

const defaults: BlogPluginConfig = {
  defaultPageSize: 25,
  maxPageSize: 100,
  moderation: {},
  secret: null,
  formTokenTtlSeconds: 24 * 60 * 60,
  moderatorEmails: [],
  feed: {
    title: 'Blog',
    subtitle: null,
    author: null,
    siteUrl: null,
    postUrl: null,
    size: 20,
  },
  sitemap: {
    postUrl: null,
    pageSize: 5000,
  },
  limits: {
    bodyBytes: 256 * 1024,
    query: {
      maxConditions: 10,
      maxDepth: 6,
      maxJoins: 2,
      maxValueLength: 100,
      maxOffset: 100000,
    },
    graphql: {
      maxCost: 250,
      maxAnswerBytes: 8 * 1024 * 1024,
    },
    postBytes: 1024 * 1024,
    import: {
      mediaFiles: 1000,
      imageBytes: 20 * 1024 * 1024,
    },
  },
  import: {
    uploadsRoots: [],
    allowPrivateAddresses: false,
    fetchTimeoutMs: 15_000,
  },
  preview: {
    url: null,
    tokenTtlSeconds: 600,
  },
  mail: {
    from: null,
    publicUrl: null,
    linkTtlHours: 72,
    confirmTtlHours: 7 * 24,
    retry: { attempts: 5, delaySeconds: 60 },
  },
  cache: {
    enabled: true,
    maxBytes: 32 * 1024 * 1024,
    cacheControl: 'public, no-cache',
    surrogateKeyHeader: 'Surrogate-Key',
    purge: { url: null, method: 'POST', headers: {}, timeoutMs: 5000 },
  },
};

const positive = (max: number) => yup.number().integer().min(1).max(max);

/** A header's value from the config: printable, one line. */
const headerValue = (option: string) =>
  yup
    .string()
    .max(512, `${option} must be at most 512 characters`)
    .matches(/^[\x20-\x7e]*$/, `${option} must be printable ASCII on one line`);

/** A post URL pattern: http(s), with `{slug}` in it, short enough to leave room for the slug. */
const postUrlPattern = (option: string) =>
  yup
    .string()
    .nullable()
    .max(1024, `${option} must be at most 1024 characters`)
    .matches(/^https?:\/\/.*\{slug\}/, {
      message: `${option} must be an http(s) URL with {slug} in it`,
      excludeEmptyString: true,
    });

const schema = yup
  .object({
    defaultPageSize: yup.number().integer().min(1).max(1000),
    maxPageSize: yup.number().integer().min(1).max(1000),
    moderation: partialSettingsSchema,
    secret: yup.string().nullable().min(16, 'secret must be at least 16 characters'),
    formTokenTtlSeconds: yup
      .number()
      .integer()
      .min(60)
      .max(30 * 24 * 60 * 60),
    moderatorEmails: yup.array().of(yup.string().email().required()),
    feed: yup
      .object({
        title: yup.string().min(1).max(200),
        subtitle: yup.string().nullable().max(500),
        author: yup.string().nullable().max(200),
        siteUrl: yup.string().nullable().url('feed.siteUrl must be an http(s) URL'),
        postUrl: postUrlPattern('feed.postUrl'),
        size: yup.number().integer().min(1).max(100),
      })
      .noUnknown(true, 'Unknown option of the blog feed: ${unknown}'),
    sitemap: yup
      .object({
        postUrl: postUrlPattern('sitemap.postUrl'),
        // The protocol's cap on one file.
        pageSize: positive(50_000),
      })
      .noUnknown(true, 'Unknown option of the blog sitemap: ${unknown}'),
    limits: yup
      .object({
        bodyBytes: positive(64 * 1024 * 1024),
        query: yup
          .object({
            maxConditions: positive(1000),
            maxDepth: positive(50),
            maxJoins: positive(20),
            maxValueLength: positive(100000),
            maxOffset: positive(1_000_000_000),
          })
          .noUnknown(true, 'Unknown option of the blog query limits: ${unknown}'),
        graphql: yup
          .object({
            maxCost: positive(1_000_000),
            maxAnswerBytes: positive(1024 * 1024 * 1024),
          })
          .noUnknown(true, 'Unknown option of the blog GraphQL limits: ${unknown}'),
        postBytes: positive(1024 * 1024 * 1024),
        import: yup
          .object({
            mediaFiles: positive(1_000_000),
            imageBytes: positive(1024 * 1024 * 1024),
          })
          .noUnknown(true, 'Unknown option of the blog import limits: ${unknown}'),
      })
      .noUnknown(true, 'Unknown option of the blog limits: ${unknown}'),
    import: yup
      .object({
        uploadsRoots: yup.array().of(
          yup
            .string()
            .required()
            .test(
              'absolute',
              'import.uploadsRoots must list absolute paths',
              (value) => typeof value === 'string' && path.isAbsolute(value)
            )
        ),
        allowPrivateAddresses: yup.boolean(),
        fetchTimeoutMs: yup.number().integer().min(100).max(300_000),
      })
      .noUnknown(true, 'Unknown option of the blog import: ${unknown}'),
    preview: yup
      .object({
        url: yup
          .string()
          .nullable()
          .max(1024, 'preview.url must be at most 1024 characters')
          .matches(/^https?:\/\/[^/?#{}]+(?:[/?#].*)?$/, {
            message: 'preview.url must be an http(s) URL',
            excludeEmptyString: true,
          })
          .test(
            'token',
            'preview.url must have {token} in it',
            (value) => value === null || value === undefined || value.includes('{token}')
          ),
        tokenTtlSeconds: yup
          .number()
          .integer()
          .min(10)
          .max(7 * 24 * 60 * 60),
      })
      .noUnknown(true, 'Unknown option of the blog preview: ${unknown}'),
    mail: yup
      .object({
        from: yup.string().nullable().max(320),
        publicUrl: yup
          .string()
          .nullable()
          .max(1024, 'mail.publicUrl must be at most 1024 characters')
          .matches(/^https?:\/\/[^/?#]+(?:\/[^?#]*)?$/, {
            message: 'mail.publicUrl must be an http(s) URL without a query',
            excludeEmptyString: true,
          }),
        linkTtlHours: positive(30 * 24),
        confirmTtlHours: positive(90 * 24),
        retry: yup
          .object({
            attempts: positive(20),
            delaySeconds: positive(24 * 60 * 60),
          })
          .noUnknown(true, 'Unknown option of the blog mail retry: ${unknown}'),
      })
      .noUnknown(true, 'Unknown option of the blog mail: ${unknown}'),
    cache: yup
      .object({
        enabled: yup.boolean(),
        maxBytes: yup
          .number()
          .integer()
          .min(0)
          .max(64 * 1024 * 1024 * 1024),
        cacheControl: headerValue('cache.cacheControl'),
        surrogateKeyHeader: yup
          .string()
          .nullable()
          .matches(/^[A-Z0-9-]{1,64}$/i, {
            message: 'cache.surrogateKeyHeader must be a header name',
            excludeEmptyString: true,
          }),
        purge: yup
          .object({
            url: yup
              .string()
              .nullable()
              .max(1024, 'cache.purge.url must be at most 1024 characters')
              .matches(/^https?:\/\/[^/?#]+(?:[/?#].*)?$/, {
                message: 'cache.purge.url must be an http(s) URL',
                excludeEmptyString: true,
              }),
            method: yup
              .string()
              .matches(/^[A-Z]{1,16}$/, 'cache.purge.method must be an HTTP method'),
            headers: yup
              .object()
              .test(
                'headers',
                'cache.purge.headers must map header names to strings',
                (value) =>
                  value === undefined ||
                  Object.entries(value).every(
                    ([name, text]) =>
                      /^[A-Z0-9-]{1,64}$/i.test(name) &&
                      typeof text === 'string' &&
                      !/[\r\n]/.test(text)
                  )
              ),
            timeoutMs: yup.number().integer().min(100).max(120_000),
          })
          .noUnknown(true, 'Unknown option of the blog cache purge: ${unknown}'),
      })
      .noUnknown(true, 'Unknown option of the blog cache: ${unknown}'),
  })
  .noUnknown(true, 'Unknown option of the blog plugin: ${unknown}')
  .test(
    'default-not-above-max',
    'defaultPageSize must not exceed maxPageSize',
    (value) => (value.defaultPageSize ?? 25) <= (value.maxPageSize ?? 100)
  );

export default {
  default: defaults,
  validator(config: unknown) {
    schema.validateSync(config, { strict: true });
  },
};
