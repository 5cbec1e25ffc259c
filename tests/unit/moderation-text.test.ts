import { issueFormToken, readFormToken } from '../../server/src/moderation/form-token';
import { countLinks } from '../../server/src/moderation/links';
import {
  DEFAULT_MODERATION_SETTINGS,
  partialSettingsSchema,
  settingsSchema,
} from '../../server/src/moderation/settings';
import {
  normalizeEmail,
  textLength,
  toPlainLine,
  toPlainText,
} from '../../server/src/moderation/text';
import { compileWordList, parseWordList, prepareTexts } from '../../server/src/moderation/words';

describe('toPlainText', () => {
  it.each([
    ['  hello  ', 'hello'],
    ['a\r\nb\rc', 'a\nb\nc'],
    ['bell\u0007 and nul\u0000', 'bell and nul'],
    ['tab\tkept', 'tab\tkept'],
    ['zero\u200bwidth and \u202Eoverride', 'zerowidth and override'],
    ['<p>Hello <b>world</b></p>', 'Hello world'],
    ['<script>alert(1)</script>', 'alert(1)'],
    ['<!-- hidden -->shown', 'shown'],
    ['2 < 3 and 5 > 4', '2 < 3 and 5 > 4'],
    ['<3 love', '<3 love'],
    ['e\u0301', '\u00e9'],
  ])('%j → %j', (input, output) => {
    expect(toPlainText(input)).toBe(output);
  });

  it('makes a name one line', () => {
    expect(toPlainLine(' Ann \n  Reader ')).toBe('Ann Reader');
  });

  it('compares emails without case', () => {
    expect(normalizeEmail(' Ann@Example.COM ')).toBe('ann@example.com');
  });

  it('counts characters as people see them', () => {
    expect(textLength('👋🏽')).toBe(2);
    expect(textLength('abc')).toBe(3);
  });
});

describe('countLinks', () => {
  it.each([
    ['no links here', 0],
    ['http://a.example', 1],
    ['see https://a.example/x?y=1 and www.b.example', 2],
    ['email me at me@www.example.com', 0],
    ['HTTPS://SHOUTING.EXAMPLE', 1],
  ])('%j has %i', (text, count) => {
    expect(countLinks(text)).toBe(count);
  });
});

describe('word lists', () => {
  it('reads lines or arrays, dropping blanks and repeats', () => {
    expect(parseWordList(' a \n\nb\na')).toEqual(['a', 'b']);
    expect(parseWordList(['x', ' x ', ''])).toEqual(['x']);
  });

  const find = (list: string[], ...texts: Array<string | null>) =>
    compileWordList(list).find(prepareTexts(texts));

  it('finds whole words only, and reports the entry as listed', () => {
    const list = ['Casino', 'free money', 'bad-site.example'];
    expect(find(list, 'Welcome to the CASINO')).toBe('Casino');
    expect(find(list, 'casinos are fun')).toBeNull();
    expect(find(list, 'get free money')).toBe('free money');
    expect(find(list, 'get FREE   money, now')).toBe('free money');
    expect(find(list, 'free, money')).toBe('free money');
    expect(find(list, 'money free')).toBeNull();
    expect(find(list, null, 'visit bad-site.example today')).toBe('bad-site.example');
    expect(find(list, 'visit notbad-site.example')).toBeNull();
    expect(find(list, 'bad-site.example.')).toBe('bad-site.example');
  });

  it('folds case and compatibility forms on both sides', () => {
    expect(find(['été'], 'ÉTÉ 2026')).toBe('été');
    expect(find(['ﬁne'], 'fine print')).toBe('ﬁne');
    expect(find(['straße'], 'STRASSE')).toBe('straße');
  });

  it('matches nothing when empty', () => {
    expect(find([], 'anything')).toBeNull();
  });
});

describe('form tokens', () => {
  const secret = 'a-test-secret-of-some-length';
  const issued = new Date('2026-11-26T12:00:00Z');
  const later = (seconds: number) => new Date(issued.getTime() + seconds * 1000);

  it('reads back a good token with its age', () => {
    const token = issueFormToken(secret, 'post1', issued);
    expect(readFormToken(secret, token, 'post1', later(4.5), 3600)).toEqual({
      state: 'valid',
      ageSeconds: 4.5,
    });
  });

  it.each([
    ['missing', undefined, 'post1', 'missing'],
    ['empty', '', 'post1', 'missing'],
    ['not a string', 42, 'post1', 'invalid'],
    ['for another post', 'TOKEN', 'post2', 'invalid'],
    ['tampered', 'TAMPERED', 'post1', 'invalid'],
    ['signed with another secret', 'OTHER', 'post1', 'invalid'],
  ])('calls a token that is %s "%s"', (_label, given, post, state) => {
    const token = issueFormToken(secret, 'post1', issued);
    const value =
      given === 'TOKEN'
        ? token
        : given === 'TAMPERED'
          ? token.replace(/\.[^.]+\./, '.zzzz.')
          : given === 'OTHER'
            ? issueFormToken('another-secret-entirely', 'post1', issued)
            : given;
    expect(readFormToken(secret, value, post, later(10), 3600).state).toBe(state);
  });

  it('expires after its time to live', () => {
    const token = issueFormToken(secret, 'post1', issued);
    expect(readFormToken(secret, token, 'post1', later(3601), 3600).state).toBe('expired');
  });
});

describe('settings schemas', () => {
  it('accepts the defaults as a whole object', () => {
    expect(() =>
      settingsSchema.validateSync(DEFAULT_MODERATION_SETTINGS, { strict: true })
    ).not.toThrow();
  });

  it('accepts a partial object for config defaults, and refuses unknown keys', () => {
    expect(() =>
      partialSettingsSchema.validateSync({ maxLinks: 3 }, { strict: true })
    ).not.toThrow();
    expect(() => partialSettingsSchema.validateSync({ maxLink: 3 }, { strict: true })).toThrow(
      'Unknown setting'
    );
  });

  it.each([
    [{ maxDepth: 0 }],
    [{ maxLength: '100' }],
    [{ requireApproval: 'sometimes' }],
    [{ honeypotField: 'data' }],
    [{ honeypotField: 'has space' }],
    [{ disallowedWords: [''] }],
    [{ disallowedWords: [' padded '] }],
    [{ minSubmitSeconds: -1 }],
  ])('refuses %j', (change) => {
    expect(() =>
      settingsSchema.validateSync({ ...DEFAULT_MODERATION_SETTINGS, ...change }, { strict: true })
    ).toThrow();
  });
});
