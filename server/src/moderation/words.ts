/**
 * Whole-word matching of a word list (WordPress's "disallowed comment keys" and "comment
 * moderation" lists, one entry a line), on what a reader sees (reader-view.ts).
 *
 * A text and every entry are read the same way: the reader's view (NFKC, no invisible
 * characters, case folded, no combining marks), then cut into tokens: runs of word characters,
 * runs of spaces, and single other characters. Each is read twice: as folded, and as its
 * confusables skeleton (Cyrillic `а` is `a`, `|` is `l`), and an entry is found when it is found
 * in either reading. The folded reading can only add a match where a character's skeleton is
 * not of its kind (`|` → `l` joins `free|money`), so it is searched only then.
 *
 * A phrase ("free money") matches its words in a row, whatever the spaces or punctuation
 * between them. An entry with other characters ("bad-site.example", "203.0.113.5",
 * "spam@example.com") matches as written (any run of spaces for a space), with no word
 * character on either side: a punctuation token records whether a word character touches it on
 * each side, and the entry's first and last tokens must have none outside it.
 *
 * Both kinds are Aho–Corasick automata over tokens (aho-corasick.ts): one pass over a text
 * whatever the size of the list, and the entry reported is the first as listed among those found.
 */
import { buildAutomaton, type TokenAutomaton } from './aho-corasick';
import { readerView, skeleton, skeletonRegroups } from './reader-view';

const WORD_CHAR = /[\p{L}\p{M}\p{N}_]/u;
const SPACE_CHAR = /\s/u;

const enum Kind {
  Word,
  Space,
  Other,
}

/** The kind of the code point at `at`; ASCII without a pattern, the rest by Unicode class. */
const kindAt = (text: string, at: number): Kind => {
  const code = text.charCodeAt(at);
  if (code < 128) {
    if ((code >= 97 && code <= 122) || (code >= 48 && code <= 57) || code === 95) return Kind.Word;
    if (code >= 65 && code <= 90) return Kind.Word;
    return code === 32 || (code >= 9 && code <= 13) ? Kind.Space : Kind.Other;
  }
  const char = String.fromCodePoint(text.codePointAt(at) as number);
  if (WORD_CHAR.test(char)) return Kind.Word;
  return SPACE_CHAR.test(char) ? Kind.Space : Kind.Other;
};

/** Length in UTF-16 units of the code point at `at`. */
const widthAt = (text: string, at: number) => ((text.codePointAt(at) as number) > 0xffff ? 2 : 1);

/** A text cut into tokens: its words alone (for phrases), and every token (for the rest). */
interface Tokens {
  words: string[];
  all: string[];
}

/** A punctuation token: the character, and whether a word character touches it left and right. */
const otherToken = (char: string, wordLeft: boolean, wordRight: boolean) =>
  `\u0000${wordLeft ? 1 : 0}${wordRight ? 1 : 0}${char}`;

const tokenize = (text: string): Tokens => {
  const words: string[] = [];
  const all: string[] = [];
  let i = 0;
  let previous: Kind | null = null;
  while (i < text.length) {
    const kind = kindAt(text, i);
    let end = i + widthAt(text, i);
    if (kind === Kind.Other) {
      const next = end < text.length ? kindAt(text, end) : null;
      all.push(otherToken(text.slice(i, end), previous === Kind.Word, next === Kind.Word));
    } else {
      // A run of one kind: word characters, or spaces.
      while (end < text.length && kindAt(text, end) === kind) end += widthAt(text, end);
      if (kind === Kind.Space) {
        all.push(' ');
      } else {
        const word = text.slice(i, end);
        words.push(word);
        all.push(word);
      }
    }
    previous = kind;
    i = end;
  }
  return { words, all };
};

type Reading = 'folded' | 'skeleton';
type Stream = keyof Tokens;
const READINGS: Reading[] = ['folded', 'skeleton'];
const WORDS = /[\p{L}\p{M}\p{N}_]+/gu;

/**
 * A text ready for matching: its view, and each reading's tokens, cut the first time a list
 * asks for them and kept for every other list. Words alone are one pattern match; every token
 * (for literal entries) is a scan, made only when a list has literal entries.
 */
export class PreparedText {
  readonly view: string;
  /** Whether the skeleton moves word boundaries (`free|money` reads `freelmoney`). */
  readonly regroups: boolean;
  private foldedWords?: readonly string[];
  private foldedAll?: readonly string[];
  private skeletonWords?: readonly string[];
  private skeletonAll?: readonly string[];
  private shadow?: string;

  constructor(text: string) {
    this.view = readerView(text);
    this.regroups = skeletonRegroups(this.view);
  }

  private skeletonText() {
    return (this.shadow ??= skeleton(this.view));
  }

  tokens(reading: Reading, stream: Stream): readonly string[] {
    if (reading === 'folded') {
      return stream === 'words'
        ? (this.foldedWords ??= this.view.match(WORDS) ?? [])
        : (this.foldedAll ??= tokenize(this.view).all);
    }
    if (stream === 'words') {
      // Without regrouping, the skeleton's words are the skeletons of the words.
      return (this.skeletonWords ??= this.regroups
        ? (this.skeletonText().match(WORDS) ?? [])
        : this.tokens('folded', 'words').map(skeleton));
    }
    return (this.skeletonAll ??= tokenize(this.skeletonText()).all);
  }
}

export const prepareText = (text: string): PreparedText => new PreparedText(text);

export const prepareTexts = (texts: Array<string | null | undefined>): PreparedText[] =>
  texts
    .filter((text): text is string => typeof text === 'string' && text.length > 0)
    .map(prepareText);

export interface WordMatcher {
  /** The first entry (as listed) found in any of the texts, or null. */
  find(texts: PreparedText[]): string | null;
  readonly size: number;
}

export const parseWordList = (list: string | string[]): string[] => {
  const lines = Array.isArray(list) ? list : list.split('\n');
  return [...new Set(lines.map((line) => line.trim()).filter(Boolean))];
};

export const compileWordList = (list: string | string[]): WordMatcher => {
  const entries = parseWordList(list);
  const patterns = {
    folded: { phrases: [] as Pattern[], literals: [] as Pattern[] },
    skeleton: { phrases: [] as Pattern[], literals: [] as Pattern[] },
  };
  entries.forEach((entry, rank) => {
    const prepared = prepareText(entry);
    for (const reading of READINGS) {
      const words = prepared.tokens(reading, 'words');
      const all = prepared.tokens(reading, 'all');
      // Words and spaces only: a phrase. Anything else: a literal. No token: nothing to find.
      const isPhrase = words.length > 0 && all.every((token) => token === ' ' || !isOther(token));
      if (isPhrase) patterns[reading].phrases.push({ tokens: words, rank });
      else if (all.length > 0) patterns[reading].literals.push({ tokens: all, rank });
    }
  });
  // The folded reading finds more than the skeleton only where a character regroups words.
  const foldedNeeded = entries.some((entry) => skeletonRegroups(readerView(entry)));
  const searches: Array<{ reading: Reading; stream: Stream; automaton: TokenAutomaton }> = [];
  for (const reading of READINGS) {
    const { phrases, literals } = patterns[reading];
    if (phrases.length)
      searches.push({ reading, stream: 'words', automaton: buildAutomaton(phrases) });
    if (literals.length)
      searches.push({ reading, stream: 'all', automaton: buildAutomaton(literals) });
  }

  return {
    size: entries.length,
    find(texts) {
      let lowest = Infinity;
      for (const text of texts) {
        for (const { reading, stream, automaton } of searches) {
          if (reading === 'folded' && !foldedNeeded && !text.regroups) continue;
          lowest = Math.min(lowest, automaton.lowestRank(text.tokens(reading, stream), 0));
          if (lowest === 0) return entries[0];
        }
      }
      return lowest === Infinity ? null : entries[lowest];
    },
  };
};

interface Pattern {
  tokens: readonly string[];
  rank: number;
}

const isOther = (token: string) => token.charCodeAt(0) === 0;
