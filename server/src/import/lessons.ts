import { inlineText, type Block, type InlineNode, type ListBlock } from './html-to-blocks';

/**
 * Finds a post's lessons in its body: only a list announced as one. That is a numbered list (an
 * HTML `<ol>`, or lines such as `1- …`, `1. …`, `1) …` numbered from 1) right after a line or
 * paragraph ending with ":", or lines numbered `1- `, `2- ` … the post ends with (the seed's
 * pattern, heading or not). Any other ordered list is content. The list becomes the lessons,
 * the line before it the heading, and both leave the body.
 */

export interface Lessons {
  body: Block[];
  lessons: string[];
  lessonsHeading: string | null;
}

const NUMBERED = /^\s*(\d{1,3})\s*([-.)])\s+(\S.*)$/;
const MAX_HEADING = 255;

/** Inline nodes cut into lines at their line breaks, marks kept. */
const splitLines = (nodes: InlineNode[]): InlineNode[][] => {
  const lines: InlineNode[][] = [[]];
  for (const node of nodes) {
    if (node.type !== 'text' || !node.text.includes('\n')) {
      lines[lines.length - 1].push(node);
      continue;
    }
    node.text.split('\n').forEach((part, index) => {
      if (index > 0) lines.push([]);
      if (part) lines[lines.length - 1].push({ ...node, text: part });
    });
  }
  return lines;
};

const joinLines = (lines: InlineNode[][]): InlineNode[] =>
  lines.flatMap((line, index) => (index === 0 ? line : [{ type: 'text', text: '\n' }, ...line]));

const cleanHeading = (line: string): string | null => {
  const heading = line
    .trim()
    .replace(/(?<!\s)\s*:\s*$/, '')
    .trim();
  return heading && heading.length <= MAX_HEADING ? heading : null;
};

const announces = (line: string | undefined) => !!line && /:\s*$/.test(line.trim());

type Textual = Extract<Block, { children: InlineNode[] }>;
const isTextual = (block: Block | undefined): block is Textual =>
  !!block && (block.type === 'paragraph' || block.type === 'heading' || block.type === 'quote');

/** The heading line just before `index` in `body` (the last line of a text block), removed. */
const takeHeadingBefore = (body: Block[], index: number): string | null => {
  const before = body[index - 1];
  if (!isTextual(before)) return null;
  const lines = splitLines(before.children);
  const heading = cleanHeading(inlineText(lines[lines.length - 1]));
  if (heading === null) return null;
  const rest = lines.slice(0, -1);
  if (rest.some((line) => inlineText(line).trim())) {
    body[index - 1] = { ...before, children: trimEnd(joinLines(rest)) } as Block;
  } else body.splice(index - 1, 1);
  return heading;
};

const trimEnd = (nodes: InlineNode[]): InlineNode[] => {
  const out = [...nodes];
  while (out.length) {
    const last = out[out.length - 1];
    if (last.type !== 'text') break;
    const text = last.text.replace(/(?<!\s)\s+$/, '');
    if (text) {
      out[out.length - 1] = { ...last, text };
      break;
    }
    out.pop();
  }
  return out;
};

const lastLineOf = (block: Block | undefined): string | undefined => {
  if (!isTextual(block)) return undefined;
  const lines = splitLines(block.children);
  return inlineText(lines[lines.length - 1]);
};

/** An `<ol>` announced by the line before it. */
const fromOrderedList = (body: Block[]): Lessons | null => {
  for (let index = body.length - 1; index >= 0; index -= 1) {
    const block = body[index];
    if (block.type !== 'list' || block.format !== 'ordered') continue;
    if (!announces(lastLineOf(body[index - 1]))) continue;
    const lessons = (block as ListBlock).children
      .filter((item) => item.type === 'list-item')
      .map((item) => inlineText(item.children as InlineNode[]).trim())
      .filter(Boolean);
    if (lessons.length === 0) continue;
    const rest = [...body];
    rest.splice(index, 1);
    const lessonsHeading = takeHeadingBefore(rest, index);
    return { body: rest, lessons, lessonsHeading };
  }
  return null;
};

/** Lines numbered 1, 2, 3 … at the end of a text block, announced or in the seed's `1- ` form. */
const fromNumberedLines = (body: Block[]): Lessons | null => {
  for (let index = body.length - 1; index >= 0; index -= 1) {
    const block = body[index];
    if (!isTextual(block)) continue;
    const lines = splitLines(block.children);
    const texts = lines.map(inlineText);
    // The run of numbered lines the block ends with, counting down to 1.
    let start = texts.length;
    while (start > 0 && !texts[start - 1].trim()) start -= 1;
    const end = start;
    let expected: number | null = null;
    while (start > 0) {
      const match = NUMBERED.exec(texts[start - 1]);
      if (!match) break;
      const number = Number(match[1]);
      if (expected !== null && number !== expected) break;
      expected = number - 1;
      start -= 1;
      if (number === 1) break;
    }
    const first = start < end ? NUMBERED.exec(texts[start]) : null;
    if (!first || Number(first[1]) !== 1 || end - start < 2) continue;
    const numbered = texts.slice(start, end).map((line) => NUMBERED.exec(line)!);
    const seedForm = index === body.length - 1 && numbered.every((match) => match[2] === '-');
    const headingLine = start > 0 ? texts[start - 1] : lastLineOf(body[index - 1]);
    const announced = announces(headingLine);
    if (!seedForm && !announced) continue;

    const lessons = numbered.map((match) => match[3].trim());
    const rest = [...body];
    let lessonsHeading: string | null = null;
    let kept = lines.slice(0, start);
    if (start > 0 && announced) {
      lessonsHeading = cleanHeading(texts[start - 1]);
      if (lessonsHeading !== null) kept = kept.slice(0, -1);
    }
    if (kept.some((line) => inlineText(line).trim())) {
      rest[index] = { ...block, children: trimEnd(joinLines(kept)) } as Block;
    } else rest.splice(index, 1);
    if (start === 0 && announced) lessonsHeading = takeHeadingBefore(rest, index);
    return { body: rest, lessons, lessonsHeading };
  }
  return null;
};

/** The body's lessons and heading, taken out of it; null when it announces none. */
export const extractLessons = (body: Block[]): Lessons | null =>
  fromOrderedList(body) ?? fromNumberedLines(body);
