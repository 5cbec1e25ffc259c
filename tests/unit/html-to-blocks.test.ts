import { htmlToBlocks } from '../../server/src/import/html-to-blocks';

const text = (value: string, marks: Record<string, true> = {}) => ({
  type: 'text',
  text: value,
  ...marks,
});
const paragraph = (...children: unknown[]) => ({ type: 'paragraph', children });

describe('htmlToBlocks', () => {
  it('reads WordPress loose text: a blank line starts a paragraph, a single newline stays', () => {
    expect(htmlToBlocks('First line\nsame paragraph\n\nSecond paragraph')).toEqual([
      paragraph(text('First line\nsame paragraph')),
      paragraph(text('Second paragraph')),
    ]);
  });

  it('reads Blogger paragraphs written with double <br>', () => {
    expect(htmlToBlocks('One<br /><br />Two<br />still two')).toEqual([
      paragraph(text('One')),
      paragraph(text('Two\nstill two')),
    ]);
  });

  it('converts headings, quotes, code and inline marks', () => {
    expect(
      htmlToBlocks(
        '<h2>Title <em>here</em></h2><p>A <strong>bold</strong> and <code>x()</code> word.</p>' +
          '<blockquote><p>Quoted</p></blockquote><pre>line 1\n  line 2</pre>'
      )
    ).toEqual([
      { type: 'heading', level: 2, children: [text('Title '), text('here', { italic: true })] },
      paragraph(
        text('A '),
        text('bold', { bold: true }),
        text(' and '),
        text('x()', { code: true }),
        text(' word.')
      ),
      { type: 'quote', children: [text('Quoted')] },
      { type: 'code', children: [text('line 1\n  line 2')] },
    ]);
  });

  it('keeps links and turns images into links; drops unsafe URLs and scripts', () => {
    expect(
      htmlToBlocks(
        '<p><a href="https://example.com">site</a> <img src="https://example.com/a.png" alt="A cat">' +
          ' <a href="javascript:alert(1)">bad</a><script>alert(1)</script></p>'
      )
    ).toEqual([
      paragraph(
        { type: 'link', url: 'https://example.com', children: [text('site')] },
        text(' '),
        { type: 'link', url: 'https://example.com/a.png', children: [text('A cat')] },
        text(' bad')
      ),
    ]);
  });

  it('nests lists by indent level', () => {
    expect(htmlToBlocks('<ol><li>One<ul><li>Inner</li></ul></li><li>Two</li></ol>')).toEqual([
      {
        type: 'list',
        format: 'ordered',
        children: [
          { type: 'list-item', children: [text('One')] },
          {
            type: 'list',
            format: 'unordered',
            indentLevel: 1,
            children: [{ type: 'list-item', children: [text('Inner')] }],
          },
          { type: 'list-item', children: [text('Two')] },
        ],
      },
    ]);
  });

  it('survives odd HTML: unclosed tags, entities, empty paragraphs', () => {
    expect(htmlToBlocks('<p>Tom &amp; Jerry<p></p><div><b>unclosed')).toEqual([
      paragraph(text('Tom & Jerry')),
      paragraph(text('unclosed', { bold: true })),
    ]);
  });
});
