import { atomId, renderAtom } from '../../server/src/feeds/atom';
import { blocksToHtml } from '../../contracts/blocks-html';
import { escapeXml } from '../../contracts/escape';
import { readAtom } from '../helpers/atom';

describe('feed rendering', () => {
  it('renders Strapi blocks as escaped HTML, keeping only safe links', () => {
    const html = blocksToHtml([
      { type: 'heading', level: 3, children: [{ type: 'text', text: 'A <title>' }] },
      {
        type: 'paragraph',
        children: [
          { type: 'text', text: 'bold', bold: true, italic: true },
          { type: 'text', text: ' & ' },
          {
            type: 'link',
            url: 'https://example.com/?a=1&b=2',
            children: [{ type: 'text', text: 'ok' }],
          },
          { type: 'link', url: 'javascript:alert(1)', children: [{ type: 'text', text: 'bad' }] },
        ],
      },
      {
        type: 'list',
        format: 'ordered',
        children: [
          { type: 'list-item', children: [{ type: 'text', text: 'one' }] },
          {
            type: 'list',
            format: 'unordered',
            children: [{ type: 'list-item', children: [{ type: 'text', text: 'nested' }] }],
          },
        ],
      },
      { type: 'quote', children: [{ type: 'text', text: 'said' }] },
      { type: 'code', children: [{ type: 'text', text: 'if (a < b) {}' }] },
      { type: 'image', image: { url: 'data:image/png;base64,xx', alternativeText: 'x' } },
    ]);
    expect(html.split('\n')).toEqual([
      '<h3>A &lt;title&gt;</h3>',
      '<p><em><strong>bold</strong></em> &amp; <a href="https://example.com/?a=1&amp;b=2">ok</a>bad</p>',
      '<ol><li>one<ul><li>nested</li></ul></li></ol>',
      '<blockquote>said</blockquote>',
      '<pre><code>if (a &lt; b) {}</code></pre>',
      '',
    ]);
    expect(blocksToHtml(null)).toBe('');
  });

  describe('image blocks', () => {
    const image = (file: Record<string, unknown>, options = {}) =>
      blocksToHtml(
        [{ type: 'image', image: file, children: [{ type: 'text', text: '' }] }],
        options
      );

    it('always give an alt, the size when known, lazy loading and the caption as a figcaption', () => {
      expect(
        image({
          url: '/uploads/hands_1a2b.png',
          alternativeText: 'Two hands "shaking" <here>',
          caption: 'At the 2008 meetup & after',
          width: 640,
          height: 360,
        })
      ).toBe(
        '<figure><img src="/uploads/hands_1a2b.png" alt="Two hands &quot;shaking&quot; &lt;here&gt;" width="640" height="360" loading="lazy"/><figcaption>At the 2008 meetup &amp; after</figcaption></figure>'
      );
      // No alternative text: an empty alt (decorative), never none; no caption: no figure.
      expect(image({ url: 'https://cdn.example.com/a.png', alternativeText: null })).toBe(
        '<p><img src="https://cdn.example.com/a.png" alt="" loading="lazy"/></p>'
      );
      expect(image({ url: 'https://cdn.example.com/a.png', caption: '  ', width: 0 })).toBe(
        '<p><img src="https://cdn.example.com/a.png" alt="" loading="lazy"/></p>'
      );
      expect(image({ url: 'https://cdn.example.com/a.png', width: 300, height: '200' })).toBe(
        '<p><img src="https://cdn.example.com/a.png" alt="" width="300" loading="lazy"/></p>'
      );
    });

    it('keep only http(s) and path URLs, made absolute under the server for a feed', () => {
      for (const url of ['javascript:alert(1)', 'data:image/png;base64,xx', 'mailto:a@b.c', 7]) {
        expect(image({ url, alternativeText: 'x' })).toBe('');
      }
      const feed = { mediaBaseUrl: 'https://api.example.com/cms/' };
      expect(image({ url: '/uploads/a.png' }, feed)).toContain(
        'src="https://api.example.com/cms/uploads/a.png"'
      );
      // Already absolute, or on another host: as stored.
      expect(image({ url: 'https://cdn.example.com/a.png' }, feed)).toContain(
        'src="https://cdn.example.com/a.png"'
      );
      expect(image({ url: '//cdn.example.com/a.png' }, feed)).toContain(
        'src="//cdn.example.com/a.png"'
      );
    });

    it('resolve the body’s links from the site’s root against the site, when given', () => {
      const body = [
        {
          type: 'paragraph',
          children: [
            { type: 'link', url: '/about?a=1&b=2', children: [{ type: 'text', text: 'about' }] },
            { type: 'link', url: '#top', children: [{ type: 'text', text: 'top' }] },
          ],
        },
      ];
      expect(blocksToHtml(body, { linkBaseUrl: 'https://example.com/blog/' })).toBe(
        '<p><a href="https://example.com/about?a=1&amp;b=2">about</a><a href="#top">top</a></p>'
      );
      expect(blocksToHtml(body)).toContain('<a href="/about?a=1&amp;b=2">');
    });
  });

  it('escapes the five XML characters and drops characters XML forbids', () => {
    expect(escapeXml(`<a href="x">'&'</a>\u0000\u001f ok`)).toBe(
      '&lt;a href=&quot;x&quot;&gt;&apos;&amp;&apos;&lt;/a&gt; ok'
    );
  });

  it('gives each thing a stable name-based UUID', () => {
    const id = atomId('post', 'abc');
    expect(id).toMatch(
      /^urn:uuid:[0-9a-f]{8}-[0-9a-f]{4}-5[0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}$/
    );
    expect(atomId('post', 'abc')).toBe(id);
    expect(atomId('comment', 'abc')).not.toBe(id);
  });

  it('writes a feed that reads back as valid Atom', () => {
    const xml = renderAtom({
      id: atomId('feed', 'x'),
      title: 'T & <T>',
      self: 'https://example.com/feed.xml?a=1&b=2',
      author: 'Me',
      updated: new Date('2024-05-01T10:00:00.123Z'),
      entries: [
        {
          id: atomId('post', '1'),
          title: 'One',
          updated: new Date('2024-05-01T10:00:00Z'),
          content: { type: 'html', value: '<p>Hi &amp; bye</p>' },
          inReplyTo: atomId('post', '0'),
          categories: [
            { term: 'news', label: 'News & "notes"' },
            { term: 'plain', label: null },
          ],
          enclosure: { href: 'https://example.com/uploads/a.png?x=1&y=2', type: 'image/png' },
        },
      ],
    });
    const feed = readAtom(xml);
    expect(feed).toMatchObject({
      title: 'T & <T>',
      updated: '2024-05-01T10:00:00Z',
      self: 'https://example.com/feed.xml?a=1&b=2',
    });
    expect(feed.entries[0]).toMatchObject({
      content: '<p>Hi &amp; bye</p>',
      contentType: 'html',
      inReplyTo: atomId('post', '0'),
      categories: [
        { term: 'news', label: 'News & "notes"' },
        { term: 'plain', label: null },
      ],
      enclosures: [{ href: 'https://example.com/uploads/a.png?x=1&y=2', type: 'image/png' }],
    });
    expect(() =>
      readAtom(xml.replace('<updated>2024-05-01T10:00:00Z</updated>\n  <author>', '<author>'))
    ).toThrow(/not valid Atom/);
  });
});
