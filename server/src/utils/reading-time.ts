import type { BlocksContent } from '../../../contracts/posts';

/** Reading speed used for `readingMinutes`: a common figure for adults reading on a screen. */
export const WORDS_PER_MINUTE = 230;

const LETTER = /[\p{L}\p{N}\p{M}]/u;
/** Characters that keep a word going ("don't", "e-mail") but never start one. */
const JOINERS = new Set(["'", '’', '-']);

/** `LETTER` and `JOINERS` for each ASCII character, looked up without a regular expression. */
const ASCII_LETTER: boolean[] = [];
const ASCII_JOINER: boolean[] = [];
for (let code = 0; code < 128; code += 1) {
  const char = String.fromCharCode(code);
  ASCII_LETTER.push(LETTER.test(char));
  ASCII_JOINER.push(JOINERS.has(char));
}

/**
 * Words in a text: runs of letters, digits or marks (so "don't" and "e-mail" count as readers
 * count them, roughly). A single forward scan, no regular expression over the whole text; an
 * ASCII character is looked up in a table, any other is tested on its own (a whole code point).
 */
export const countWords = (text: string): number => {
  let words = 0;
  let inWord = false;
  for (let i = 0; i < text.length; i += 1) {
    const code = text.charCodeAt(i);
    let letter: boolean;
    let joiner: boolean;
    if (code < 128) {
      letter = ASCII_LETTER[code];
      joiner = ASCII_JOINER[code];
    } else {
      const point = text.codePointAt(i) as number;
      const char = String.fromCodePoint(point);
      if (point > 0xffff) i += 1;
      letter = LETTER.test(char);
      joiner = JOINERS.has(char);
    }
    if (letter) {
      if (!inWord) words += 1;
      inWord = true;
    } else if (!joiner) {
      inWord = false;
    }
  }
  return words;
};

type Node = { text?: unknown; children?: unknown };

/** The text of Strapi blocks, node by node, with a space between blocks and leaves. */
const blocksText = (blocks: BlocksContent | null | undefined): string => {
  const parts: string[] = [];
  const stack: unknown[] = [...(blocks ?? [])].reverse();
  while (stack.length) {
    const node = stack.pop() as Node | null;
    if (!node || typeof node !== 'object') continue;
    if (typeof node.text === 'string') parts.push(node.text);
    if (Array.isArray(node.children)) {
      for (let i = node.children.length - 1; i >= 0; i -= 1) stack.push(node.children[i]);
    }
  }
  return parts.join(' ');
};

/** Words of the body and the lessons, and minutes to read them (at least 1). */
export const readingTime = (
  body: BlocksContent | null | undefined,
  lessons: Array<{ text: string }>
): { wordCount: number; readingMinutes: number } => {
  const wordCount =
    countWords(blocksText(body)) +
    lessons.reduce((sum, lesson) => sum + countWords(lesson.text), 0);
  return { wordCount, readingMinutes: Math.max(1, Math.ceil(wordCount / WORDS_PER_MINUTE)) };
};
