import { countWords, readingTime, WORDS_PER_MINUTE } from '../../server/src/utils/reading-time';
import { toPublicMedia } from '../../server/src/utils/serialize-media';

const paragraph = (text: string) => ({ type: 'paragraph', children: [{ type: 'text', text }] });

describe('reading time', () => {
  it('counts words as a reader does: contractions and hyphenated words once, dashes never', () => {
    expect(countWords("Don't e-mail me — ever.")).toBe(4);
    expect(countWords('  ')).toBe(0);
    expect(countWords('Réseautage, café crème: 3 idées.')).toBe(5);
    expect(countWords('日本語')).toBe(1);
  });

  it('reads characters outside ASCII and outside the first plane whole', () => {
    // A combining mark continues a word; a letter beyond U+FFFF is one letter, not two halves.
    expect(countWords('cafe\u0301 ok')).toBe(2);
    expect(countWords('𝒜𝒷 𝒸')).toBe(2);
    // An emoji, a no-break space and a curly apostrophe: only the last joins.
    expect(countWords('a😀b c\u00a0d l’ami')).toBe(5);
    // A lone surrogate is no letter.
    expect(countWords('a\ud800b')).toBe(2);
  });

  it('counts the body’s nested text and the lessons', () => {
    const body = [
      paragraph('One two three.'),
      {
        type: 'list',
        format: 'ordered',
        children: [{ type: 'list-item', children: [{ type: 'text', text: 'four five' }] }],
      },
      { type: 'image', image: { url: '/uploads/a.png', alternativeText: 'not counted' } },
    ];
    expect(readingTime(body, [{ text: 'six' }, { text: 'seven eight' }])).toEqual({
      wordCount: 8,
      readingMinutes: 1,
    });
  });

  it('rounds minutes up and never answers 0', () => {
    expect(readingTime(null, []).readingMinutes).toBe(1);
    const words = Array.from({ length: WORDS_PER_MINUTE + 1 }, () => 'word').join(' ');
    expect(readingTime([paragraph(words)], [])).toEqual({
      wordCount: WORDS_PER_MINUTE + 1,
      readingMinutes: 2,
    });
  });

  it('walks a deeply nested body without recursion', () => {
    let node: Record<string, unknown> = { type: 'text', text: 'deep' };
    for (let i = 0; i < 100000; i += 1) node = { type: 'paragraph', children: [node] };
    expect(readingTime([node], []).wordCount).toBe(1);
  });
});

describe('public media', () => {
  it('keeps only the public fields of a file and of each format', () => {
    expect(
      toPublicMedia({
        url: '/uploads/a.png',
        alternativeText: 'Alt',
        caption: null,
        width: 400,
        height: 300,
        mime: 'image/png',
        formats: JSON.stringify({
          thumbnail: {
            url: '/uploads/thumbnail_a.png',
            width: 208,
            height: 156,
            mime: 'image/png',
            path: null,
            hash: 'x',
            sizeInBytes: 10,
          },
          broken: { width: 1 },
        }),
        ...({ provider_metadata: { secret: 1 }, hash: 'abc', folderPath: '/' } as object),
      })
    ).toEqual({
      url: '/uploads/a.png',
      alternativeText: 'Alt',
      caption: null,
      width: 400,
      height: 300,
      mime: 'image/png',
      formats: {
        thumbnail: { url: '/uploads/thumbnail_a.png', width: 208, height: 156, mime: 'image/png' },
      },
    });
  });

  it('answers null for no file and an empty set of formats for unreadable ones', () => {
    expect(toPublicMedia(null)).toBeNull();
    expect(toPublicMedia({ url: undefined })).toBeNull();
    expect(toPublicMedia({ url: '/x.png', formats: '{not json' })?.formats).toEqual({});
  });
});
