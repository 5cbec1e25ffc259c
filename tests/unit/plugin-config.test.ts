import config from '../../server/src/config';

describe('the plugin’s config (config/plugins → blog.config), checked at boot', () => {
  const valid = { ...config.default };

  it('accepts the defaults and moderation defaults', () => {
    expect(() => config.validator(valid)).not.toThrow();
    expect(() =>
      config.validator({ ...valid, moderation: { requireApproval: 'always', maxLinks: 4 } })
    ).not.toThrow();
    expect(() =>
      config.validator({
        ...valid,
        feed: {
          ...valid.feed,
          siteUrl: 'https://example.com',
          postUrl: 'https://example.com/blog/{slug}',
        },
      })
    ).not.toThrow();
    expect(() =>
      config.validator({
        ...valid,
        sitemap: { postUrl: 'https://example.com/{locale}/blog/{slug}', pageSize: 50000 },
      })
    ).not.toThrow();
  });

  it.each([
    [{ moderation: { maxDepth: 0 } }, 'maxDepth must be at least 1'],
    [{ moderation: { requireApproval: 'maybe' } }, 'requireApproval must be'],
    [{ moderation: { akismet: true } }, 'Unknown setting: akismet'],
    [{ maxPageSize: 10, defaultPageSize: 20 }, 'defaultPageSize must not exceed maxPageSize'],
    [{ secret: 'short' }, 'secret must be at least 16 characters'],
    [{ moderatorEmails: ['not-an-email'] }, 'email'],
    [{ colour: 'blue' }, 'Unknown option of the blog plugin: colour'],
    [{ mail: { linkTtlHours: 0 } }, 'mail.linkTtlHours must be greater than or equal to 1'],
    [
      { mail: { retry: { attempts: 0 } } },
      'mail.retry.attempts must be greater than or equal to 1',
    ],
    [{ mail: { publicUrl: 'ftp://x' } }, 'mail.publicUrl must be an http(s) URL'],
    [{ mail: { sender: 'x' } }, 'Unknown option of the blog mail: sender'],
    [
      { feed: { postUrl: 'https://example.com/blog/' } },
      'feed.postUrl must be an http(s) URL with {slug}',
    ],
    [{ feed: { siteUrl: 'example' } }, 'feed.siteUrl must be an http(s) URL'],
    [{ feed: { size: 500 } }, 'size'],
    [{ feed: { format: 'rss' } }, 'Unknown option of the blog feed: format'],
    [
      { sitemap: { postUrl: 'ftp://example.com/{slug}' } },
      'sitemap.postUrl must be an http(s) URL with {slug}',
    ],
    [
      { sitemap: { postUrl: 'https://example.com/{locale}' } },
      'sitemap.postUrl must be an http(s) URL with {slug}',
    ],
    [
      { sitemap: { postUrl: `https://example.com/${'a'.repeat(1100)}/{slug}` } },
      'sitemap.postUrl must be at most 1024 characters',
    ],
    [{ sitemap: { pageSize: 50001 } }, 'pageSize'],
    [{ sitemap: { pageSize: 0 } }, 'pageSize'],
    [{ sitemap: { changefreq: 'daily' } }, 'Unknown option of the blog sitemap: changefreq'],
  ])('refuses %j', (change, message) => {
    expect(() => config.validator({ ...valid, ...change })).toThrow(message);
  });
});
