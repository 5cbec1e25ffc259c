/**
 * Whole-word, case-insensitive, Unicode-aware matching of a word list (WordPress's "disallowed
 * comment keys" and "comment moderation" lists, one entry a line).
 *
 * Single words are looked up in a Set, one lookup per word of the text, so a list of thousands of
 * words costs no more than a short one. Entries with other characters (an email, an IP, a
 * phrase, "spam-site.example") go into one regular expression bounded by non-word characters.
 */

const WORD = /[\p{L}\p{M}\p{N}_]+/gu;
const SINGLE_WORD = /^[\p{L}\p{M}\p{N}_]+$/u;

const fold = (value: string) => value.normalize('NFKC').toLowerCase();
const escape = (value: string) => value.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');

export interface WordMatcher {
  /** The first entry found in any of the texts, or null. */
  find(texts: Array<string | null | undefined>): string | null;
  readonly size: number;
}

export const parseWordList = (list: string | string[]): string[] => {
  const lines = Array.isArray(list) ? list : list.split('\n');
  return [...new Set(lines.map((line) => line.trim()).filter(Boolean))];
};

export const compileWordList = (list: string | string[]): WordMatcher => {
  const entries = parseWordList(list);
  const words = new Map<string, string>();
  const others: string[] = [];
  for (const entry of entries) {
    const folded = fold(entry);
    if (SINGLE_WORD.test(folded)) words.set(folded, entry);
    else others.push(entry);
  }
  const pattern = others.length
    ? new RegExp(
        `(?<![\\p{L}\\p{M}\\p{N}_])(?:${others.map((entry) => escape(fold(entry))).join('|')})(?![\\p{L}\\p{M}\\p{N}_])`,
        'u'
      )
    : null;
  const byFolded = new Map(others.map((entry) => [fold(entry), entry]));

  return {
    size: entries.length,
    find(texts) {
      for (const text of texts) {
        if (!text) continue;
        const folded = fold(text);
        if (words.size) {
          for (const match of folded.matchAll(WORD)) {
            const hit = words.get(match[0]);
            if (hit) return hit;
          }
        }
        if (pattern) {
          const match = pattern.exec(folded);
          if (match) return byFolded.get(match[0]) ?? match[0];
        }
      }
      return null;
    },
  };
};
