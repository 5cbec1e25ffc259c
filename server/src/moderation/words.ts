/**
 * Whole-word, case-insensitive, Unicode-aware matching of a word list (WordPress's "disallowed
 * comment keys" and "comment moderation" lists, one entry a line).
 *
 * A text is folded (NFKC, lower case) and split into words once, then every list looks its
 * words up in a Map: a list of thousands of entries costs about what a short one does.
 * A phrase ("free money") matches its words in a row, whatever the spaces or punctuation
 * between them; an entry with other characters ("bad-site.example", "203.0.113.5",
 * "spam@example.com") matches as written, with no word character on either side.
 */

const WORD = /[\p{L}\p{M}\p{N}_]+/gu;
const WORD_CHAR = /[\p{L}\p{M}\p{N}_]/u;
const ONLY_WORDS_AND_SPACES = /^[\p{L}\p{M}\p{N}_]+(?:\s+[\p{L}\p{M}\p{N}_]+)*$/u;

const fold = (value: string) => value.normalize('NFKC').toLowerCase();

/** A text ready for matching: folded once, split into words once. */
export interface PreparedText {
  folded: string;
  words: string[];
}

export const prepareTexts = (texts: Array<string | null | undefined>): PreparedText[] =>
  texts
    .filter((text): text is string => typeof text === 'string' && text.length > 0)
    .map((text) => {
      const folded = fold(text);
      return { folded, words: folded.match(WORD) ?? [] };
    });

export interface WordMatcher {
  /** The first entry (as listed) found in any of the texts, or null. */
  find(texts: PreparedText[]): string | null;
  readonly size: number;
}

export const parseWordList = (list: string | string[]): string[] => {
  const lines = Array.isArray(list) ? list : list.split('\n');
  return [...new Set(lines.map((line) => line.trim()).filter(Boolean))];
};

const isWordChar = (value: string | undefined) => value !== undefined && WORD_CHAR.test(value);

export const compileWordList = (list: string | string[]): WordMatcher => {
  const entries = parseWordList(list);
  /** First word of an entry → the entries starting with it, as word sequences. */
  const byFirstWord = new Map<string, Array<{ words: string[]; entry: string }>>();
  const literals: Array<{ folded: string; entry: string }> = [];

  for (const entry of entries) {
    const folded = fold(entry);
    const words: string[] = folded.match(WORD) ?? [];
    const [first] = words;
    if (first !== undefined && ONLY_WORDS_AND_SPACES.test(folded)) {
      const bucket = byFirstWord.get(first) ?? [];
      bucket.push({ words, entry });
      byFirstWord.set(first, bucket);
    } else {
      literals.push({ folded, entry });
    }
  }

  const findLiteral = (text: string): string | null => {
    for (const { folded, entry } of literals) {
      let from = text.indexOf(folded);
      while (from !== -1) {
        const before = text[from - 1];
        const after = text[from + folded.length];
        if (!isWordChar(before) && !isWordChar(after)) return entry;
        from = text.indexOf(folded, from + 1);
      }
    }
    return null;
  };

  return {
    size: entries.length,
    find(texts) {
      for (const { folded, words } of texts) {
        if (byFirstWord.size) {
          for (let i = 0; i < words.length; i += 1) {
            const candidates = byFirstWord.get(words[i]);
            if (!candidates) continue;
            for (const { words: phrase, entry } of candidates) {
              let match = true;
              for (let j = 1; j < phrase.length && match; j += 1) {
                match = words[i + j] === phrase[j];
              }
              if (match) return entry;
            }
          }
        }
        if (literals.length) {
          const hit = findLiteral(folded);
          if (hit) return hit;
        }
      }
      return null;
    },
  };
};
