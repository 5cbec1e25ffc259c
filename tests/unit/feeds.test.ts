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
    });
    expect(() =>
      readAtom(xml.replace('<updated>2024-05-01T10:00:00Z</updated>\n  <author>', '<author>'))
    ).toThrow(/not valid Atom/);
  });
});
