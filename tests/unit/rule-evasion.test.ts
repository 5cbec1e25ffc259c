import fc from 'fast-check';

import { buildAutomaton } from '../../server/src/moderation/aho-corasick';
import { countLinks } from '../../server/src/moderation/links';
import {
  hasVisibleCharacters,
  readerView,
  skeleton,
} from '../../server/src/moderation/reader-view';
import { judge } from '../../server/src/moderation/judge';
import type { Candidate, Facts } from '../../server/src/moderation/rules';
import {
  DEFAULT_MODERATION_SETTINGS,
  settingsSchema,
  type ModerationSettings,
} from '../../server/src/moderation/settings';
import { toPlainLine, toPlainText } from '../../server/src/moderation/text';
import { compileWordList, prepareTexts } from '../../server/src/moderation/words';
import { parseSubmission } from '../../server/src/validation/comment-submission';

const find = (list: string[], ...texts: Array<string | null>) =>
  compileWordList(list).find(prepareTexts(texts));

const LIST = ['casino', 'free money', 'viagra', 'bad-site.example', '203.0.113.5'];

describe('a disallowed word is found however it is disguised', () => {
  it.each([
    ['a soft hyphen', 'cas\u00ADino night', 'casino'],
    ['a word joiner', 'ca\u2060sino night', 'casino'],
    ['zero-width spaces and joiners', 'c\u200Ba\u200Cs\u200Di\uFEFFno', 'casino'],
    ['a variation selector', 'c\uFE0Fasino', 'casino'],
    ['an ideographic variation selector', 'casi\u{E0100}no', 'casino'],
    ['tag characters', 'cas\u{E0041}\u{E0042}ino', 'casino'],
    ['a combining grapheme joiner', 'casi\u034Fno', 'casino'],
    ['a Hangul filler', 'casi\u3164no', 'casino'],
    ['Cyrillic lookalikes', 'саsinо', 'casino'],
    ['Greek lookalikes', 'casinο', 'casino'],
    ['a Cyrillic a inside', 'vi\u0430gra', 'viagra'],
    ['combining accents', 'ca\u0301si\u0300no\u0308', 'casino'],
    ['precomposed accents', 'cásíñö', 'casino'],
    ['a Turkish dotted capital I', 'VİAGRA', 'viagra'],
    ['a Turkish dotless i', 'vıagra', 'viagra'],
    ['capitals', 'CASINO', 'casino'],
    ['full-width letters', 'ｃａｓｉｎｏ', 'casino'],
    ['mathematical bold letters', '𝐜𝐚𝐬𝐢𝐧𝐨', 'casino'],
    ['circled letters', 'ⓒⓐⓢⓘⓝⓞ', 'casino'],
    ['a vertical bar for an l', 'bad-site.examp|e', 'bad-site.example'],
    ['a Unicode hyphen in a domain', 'visit bad\u2010site.example', 'bad-site.example'],
    ['a full-width dot in a domain', 'bad-site．example', 'bad-site.example'],
    ['an address with full-width digits', 'from ２０３.０.１１３.５', '203.0.113.5'],
    ['a phrase split by a pipe', 'free|money', 'free money'],
    ['a phrase split by a braille blank', 'free\u2800money', 'free money'],
    ['a phrase joined by a letter that looks like a comma', 'freeꓹmoney', 'free money'],
    ['a phrase across a line break and an em dash', 'FREE —\nMONEY', 'free money'],
  ])('%s', (_label, text, entry) => {
    expect(find(LIST, text)).toBe(entry);
  });

  it('folds both sides the same way, so an entry written in any form matches', () => {
    expect(find(['VİAGRA'], 'viagra')).toBe('VİAGRA');
    expect(find(['саsinо'], 'casino')).toBe('саsinо');
    expect(find(['straße'], 'STRASSE')).toBe('straße');
    expect(find(['STRASSE'], 'Straẞe')).toBe('STRASSE');
    expect(find(['ΟΔΟΣ'], 'οδος')).toBe('ΟΔΟΣ');
  });

  it('still matches whole words and literal entries as written only', () => {
    expect(find(LIST, 'casinos and free moneys')).toBeNull();
    expect(find(LIST, 'notbad-site.example')).toBeNull();
    expect(find(LIST, 'bad-site.examples')).toBeNull();
    expect(find(LIST, '1203.0.113.5')).toBeNull();
    expect(find(LIST, '203.0.113.55')).toBeNull();
    expect(find(LIST, 'from 203.0.113.5:80')).toBe('203.0.113.5');
    expect(find(['.example'], 'bad.example')).toBeNull();
    expect(find(['.example'], 'a .example')).toBe('.example');
    expect(find(['wow!!'], 'wow!!!')).toBe('wow!!');
    expect(find(['buy now!'], 'buy \n now!')).toBe('buy now!');
    expect(find(['spam@example.com'], 'SPAM@EXAMPLE.COM')).toBe('spam@example.com');
    expect(find(['spam@example.com'], 'notspam@example.com')).toBeNull();
  });

  it('reports the first entry as listed, whichever is found first in the text', () => {
    const list = ['zeta', 'alpha beta', 'beta'];
    expect(find(list, 'alpha beta then zeta')).toBe('zeta');
    expect(find(list, 'alpha beta')).toBe('alpha beta');
    expect(find(list, 'beta', 'alpha beta')).toBe('alpha beta');
  });

  it('ignores an entry a reader cannot see', () => {
    expect(find(['\u00AD', 'ok'], 'any text at all')).toBeNull();
    expect(find(['\u0301'], 'e\u0301')).toBeNull();
  });

  it('finds the one phrase among 10,000 sharing a prefix, in a content of maximum length', () => {
    const prefix = 'win a free cruise to';
    const list = Array.from({ length: 10000 }, (_, i) => `${prefix} port${i}`);
    const matcher = compileWordList(list);
    expect(matcher.size).toBe(10000);
    const content = `${prefix} `.repeat(Math.floor(10000 / (prefix.length + 1)));
    expect(matcher.find(prepareTexts([content]))).toBeNull();
    expect(matcher.find(prepareTexts([`${content} port9999`]))).toBe(`${prefix} port9999`);
    expect(matcher.find(prepareTexts([`${content} port17`]))).toBe(`${prefix} port17`);
  });
});

describe('the reader’s view', () => {
  it('is NFKC, without invisible characters, case folded, without marks', () => {
    expect(readerView('İstanbul ΟΔΟΣ Straße ﬁne É\u00AD\u200B')).toBe(
      'istanbul οδοσ strasse fine e'
    );
    expect(skeleton(readerView('Саsіnо'))).toBe('casino');
  });

  it('never changes what is stored', () => {
    expect(toPlainText('cas\u00ADino ÉTÉ саsinо')).toBe('cas\u00ADino ÉTÉ саsinо');
  });

  it.each([
    ['', false],
    ['\u200B\u00AD\u2060\uFEFF', false],
    ['\u3164\u115F\u1160\uFFA0', false],
    ['\u{E0041}\u{E0042}\uFE0F', false],
    ['\u0301\u0301\u0301', false],
    ['\u2800\u2800', false],
    [' \u00A0\u2003\u3000 ', false],
    ['a', true],
    ['李', true],
    ['🙂', true],
    ['.', true],
  ])('%j has visible characters: %s', (text, visible) => {
    expect(hasVisibleCharacters(text)).toBe(visible);
  });
});

describe('links, counted as a reader sees them', () => {
  it.each([
    ['http://a.com,http://b.com,http://c.com,http://d.com', 4],
    ['http://a.com;http://b.com;http://c.com;http://d.com', 4],
    ['http://a.com|http://b.com|http://c.com|http://d.com', 4],
    ['http://a.com~http://b.com^http://c.com+http://d.com', 4],
    ['http://a.com→http://b.com¦http://c.com$http://d.com', 4],
    ['http://a.comhttp://b.comhttp://c.com', 3],
    ['https://a.com/x,https://b.com/y', 2],
    ['https：//a.example', 1],
    ['ｈｔｔｐｓ：／／ａ．ｅｘａｍｐｌｅ', 1],
    ['ht\u00ADtps://a.example and h\u200Bttp://b.example', 2],
    ['example.com', 1],
    ['shop.xyz', 1],
    ['see example.org, shop.xyz and cheap.online now', 3],
    ['a.com|b.xyz|c.net', 3],
    ['example。com', 1],
    ['HTTPS://SHOUTING.EXAMPLE', 1],
    ['https://google.com/search?q=a+b&x=~y', 1],
    ['email me at me@www.example.com', 0],
    ['e.g. this, i.e. that, node.js and index.html', 0],
    ['no links here', 0],
  ])('%j has %i', (text, count) => {
    expect(countLinks(text)).toBe(count);
  });
});

describe('HTML stripping is linear', () => {
  it('processes "<!--" repeated 245,000 times, keeping it (no comment ever closes)', () => {
    const text = '<!--'.repeat(245000);
    expect(toPlainText(text)).toBe(text);
  });

  it('processes long runs of unclosed tags and of closed comments', () => {
    expect(toPlainText('<a '.repeat(100000))).toBe('<a '.repeat(100000).trim());
    expect(toPlainText('<!---->'.repeat(100000) + 'x')).toBe('x');
    expect(toPlainText('<b>'.repeat(100000) + 'x')).toBe('x');
    expect(toPlainLine('<!--'.repeat(1000))).toBe('<!--'.repeat(1000));
  });

  it.each([
    ['<!-- a --> b <!-- c', 'b <!-- c'],
    ['<!-- a <!-- b --> c -->', 'c -->'],
    ['<a href="x">link</a> <br/> <br /> <img src=x onerror=alert(1)>', 'link'],
    ['a <b c', 'a <b c'],
    ['a < b > c', 'a < b > c'],
    ['<1> <-> </> <a<b>', '<1> <-> </> <a'],
  ])('%j → %j', (input, output) => {
    expect(toPlainText(input)).toBe(output);
  });
});

describe('the Aho–Corasick automaton', () => {
  const naive = (patterns: string[][], tokens: string[]) => {
    let lowest = Infinity;
    patterns.forEach((pattern, rank) => {
      if (pattern.length === 0) return;
      for (let i = 0; i + pattern.length <= tokens.length; i += 1) {
        if (pattern.every((token, j) => tokens[i + j] === token)) lowest = Math.min(lowest, rank);
      }
    });
    return lowest;
  };

  it('finds the lowest-ranked pattern exactly as a naive search does', () => {
    const token = fc.constantFrom('a', 'b', 'c', 'd');
    fc.assert(
      fc.property(
        fc.array(fc.array(token, { maxLength: 4 }), { maxLength: 12 }),
        fc.array(token, { maxLength: 30 }),
        (patterns, tokens) => {
          const automaton = buildAutomaton(patterns.map((p, rank) => ({ tokens: p, rank })));
          expect(automaton.lowestRank(tokens)).toBe(naive(patterns, tokens));
        }
      ),
      { numRuns: 500 }
    );
  });
});

describe('the honeypot is never read through the prototype', () => {
  it('refuses a honeypot named after any Object.prototype property', () => {
    for (const name of ['toString', 'valueOf', 'hasOwnProperty', 'isPrototypeOf', '__proto__']) {
      expect(() =>
        settingsSchema.validateSync(
          { ...DEFAULT_MODERATION_SETTINGS, honeypotField: name },
          { strict: true }
        )
      ).toThrow(/honeypotField/);
    }
  });

  it('reads only an own property, so an old saved "toString" does not make every comment spam', () => {
    const data = { authorName: 'Ann', authorEmail: 'ann@example.com', content: 'Hi' };
    expect(parseSubmission({ data }, 'toString').honeypotFilled).toBe(false);
    expect(parseSubmission({ data }, 'constructor').honeypotFilled).toBe(false);
    expect(parseSubmission({ data, toString: 'x' }, 'toString').honeypotFilled).toBe(true);
  });
});

describe('word lists are validated in one pass, the count first', () => {
  const check = (words: unknown) => () =>
    settingsSchema.validateSync(
      { ...DEFAULT_MODERATION_SETTINGS, disallowedWords: words },
      { strict: true }
    );

  it('refuses 100,000 entries by their count', () => {
    // An entry that would fail on its own is never looked at: the count comes first.
    const words = Array.from({ length: 100000 }, (_, i) => (i === 5 ? '' : `word${i}`));
    expect(check(words)).toThrow('disallowedWords holds at most 10,000 entries');
  });

  it('accepts 10,000 entries and names the first bad one', () => {
    const words = Array.from({ length: 10000 }, (_, i) => `word${i}`);
    expect(check(words)).not.toThrow();
    expect(check([...words.slice(0, 9999), ' padded'])).toThrow(
      'disallowedWords entries must not start or end with spaces'
    );
    expect(check(['ok', 'x'.repeat(201)])).toThrow('at most 200 characters');
    expect(check(['ok', 7])).toThrow('entries must be strings');
    expect(check('casino')).toThrow('must be an array of strings');
  });
});

describe('the rules over disguised comments', () => {
  const candidate = (overrides: Partial<Candidate> = {}): Candidate => ({
    authorName: 'Ann Reader',
    authorEmail: 'ann@example.com',
    authorUrl: null,
    content: 'A thoughtful remark.',
    ip: '198.51.100.1',
    userAgent: 'Mozilla/5.0',
    ...overrides,
  });
  const facts: Facts = {
    now: new Date('2026-11-26T12:00:00Z'),
    post: { state: 'open', date: null },
    parent: null,
    duplicate: false,
    honeypotFilled: false,
    form: { state: 'missing', ageSeconds: null },
  };
  const run = (c: Partial<Candidate>, s: Partial<ModerationSettings> = {}) => {
    const settings = { ...DEFAULT_MODERATION_SETTINGS, requireApproval: 'never' as const, ...s };
    return judge(
      candidate(c),
      settings,
      { ...facts, floodRetryAfter: null },
      {
        disallowed: compileWordList(settings.disallowedWords),
        moderation: compileWordList(settings.moderationWords),
      }
    );
  };

  it('refuses a name or a content made only of invisible characters', () => {
    for (const invisible of ['\u00AD', '\u2060\u2060', '\u3164', '\uFE0F', '\u{E0020}', '\u0301']) {
      expect(run({ authorName: toPlainLine(invisible) })).toMatchObject({
        kind: 'refuse',
        rule: 'fields',
        errors: [{ path: ['authorName'], message: 'authorName is required' }],
      });
      expect(run({ content: toPlainText(invisible) })).toMatchObject({
        kind: 'refuse',
        errors: [{ path: ['content'], message: 'content is required' }],
      });
    }
  });

  it('stores a disguised disallowed word as spam, naming the entry', () => {
    expect(run({ authorName: 'Саsinо King' }, { disallowedWords: ['casino'] })).toMatchObject({
      kind: 'accept',
      status: 'spam',
      reason: 'disallowed-words: contains "casino"',
    });
  });

  it('holds a comment whose links are joined by separators', () => {
    expect(
      run({ content: 'http://a.com,http://b.com,http://c.com,http://d.com' }, { maxLinks: 2 })
    ).toMatchObject({ status: 'pending', reason: 'max-links: 4 links (holding from 2)' });
    expect(run({ content: 'visit shop.xyz and example.com' }, { maxLinks: 2 })).toMatchObject({
      status: 'pending',
      rule: 'max-links',
    });
  });
});
