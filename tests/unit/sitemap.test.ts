import { postUrlOf } from '../../server/src/sitemap/post-url';
import { renderSitemapIndex, renderUrlset } from '../../server/src/sitemap/xml';
import { readSitemap } from '../helpers/sitemap';

describe('sitemap rendering', () => {
  it('builds post URLs from the pattern, encoding slug and locale everywhere they occur', () => {
    const url = postUrlOf('https://example.com/{locale}/{slug}?again={slug}&l={locale}')!;
    expect(url({ slug: 'a b&c', locale: 'fr-CA' })).toBe(
      'https://example.com/fr-CA/a%20b%26c?again=a%20b%26c&l=fr-CA'
    );
    expect(postUrlOf('https://example.com/{slug}')!({ slug: 'x', locale: null })).toBe(
      'https://example.com/x'
    );
    expect(postUrlOf(null)).toBeNull();
    expect(postUrlOf('')).toBeNull();
    // A URL past the protocol's 2,048 characters is left out rather than made invalid.
    const long = postUrlOf('https://example.com/{slug}')!;
    expect(long({ slug: 'a'.repeat(2048 - 20) })).toHaveLength(2048);
    expect(long({ slug: 'a'.repeat(2048 - 19) })).toBeNull();
  });

  it('writes a urlset and an index that read back under the protocol’s rules, every text escaped', () => {
    const xml = renderUrlset([
      {
        loc: 'https://example.com/en/a?x=1&y=<2>',
        lastmod: new Date('2024-05-01T10:00:00.123Z'),
        alternates: [
          { hreflang: 'en', href: 'https://example.com/en/a?x=1&y=<2>' },
          { hreflang: 'fr', href: 'https://example.com/fr/"a"' },
        ],
      },
      { loc: 'https://example.com/en/b', lastmod: null, alternates: [] },
    ]);
    expect(readSitemap(xml)).toEqual({
      kind: 'urlset',
      urls: [
        {
          loc: 'https://example.com/en/a?x=1&y=<2>',
          lastmod: '2024-05-01T10:00:00Z',
          alternates: [
            { hreflang: 'en', href: 'https://example.com/en/a?x=1&y=<2>' },
            { hreflang: 'fr', href: 'https://example.com/fr/"a"' },
          ],
        },
        { loc: 'https://example.com/en/b', lastmod: null, alternates: [] },
      ],
    });
    expect(readSitemap(renderSitemapIndex(['https://example.com/s.xml?page=1&a=b']))).toEqual({
      kind: 'index',
      sitemaps: [{ loc: 'https://example.com/s.xml?page=1&a=b', lastmod: null }],
    });
  });

  const valid = renderUrlset([
    {
      loc: 'https://example.com/en/a',
      lastmod: new Date('2024-05-01T10:00:00Z'),
      alternates: [
        { hreflang: 'en', href: 'https://example.com/en/a' },
        { hreflang: 'fr', href: 'https://example.com/fr/a' },
      ],
    },
  ]);

  it.each([
    ['another namespace', valid.replace('sitemaps.org', 'example.org'), /namespace/],
    ['no xhtml namespace', valid.replace(/ xmlns:xhtml="[^"]*"/, ''), /xhtml|prefix/i],
    ['a relative loc', valid.replace('<loc>https://example.com/en/a', '<loc>/en/a'), /absolute/],
    ['a loc too long', valid.replace('/en/a</loc>', `/${'a'.repeat(2048)}</loc>`), /2048/],
    ['a bad lastmod', valid.replace('2024-05-01T10:00:00Z', '01/05/2024'), /W3C/],
    [
      'a page missing from its alternates',
      valid.replace(
        'hreflang="en" href="https://example.com/en/a"',
        'hreflang="en" href="https://example.com/en/b"'
      ),
      /own alternates/,
    ],
    ['an unescaped ampersand', valid.replace('/en/a</loc>', '/en/a?x&y</loc>'), /unclosed|entity/],
  ])('the test reader refuses %s', (_, xml, message) => {
    expect(() => readSitemap(xml)).toThrow(message);
  });
});
