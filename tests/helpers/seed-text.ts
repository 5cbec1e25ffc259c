import fs from 'fs';
import path from 'path';

import { PLAYGROUND } from './strapi';

/**
 * Reads the seed post from the project's verbatim copy of the original text, independently of
 * the JSON the playground seeds from, so a test compares the API with the source itself.
 */
export function readSeedText() {
  const text = fs
    .readFileSync(path.join(PLAYGROUND, 'data', 'networking-biggest-mistake.txt'), 'utf8')
    .replace(/\r\n/g, '\n');
  const blocks = text
    .split(/\n\s*\n/)
    .map((block) => block.trim())
    .filter(Boolean);
  const lessonsIndex = blocks.findIndex((block) => /\n1- /.test(block));
  const [heading, ...lessonLines] = blocks[lessonsIndex].split('\n');
  const commentIndex = blocks.findIndex((block) => / said\.\.\.$/.test(block));

  return {
    dateLine: blocks[0],
    title: blocks[1],
    paragraphs: blocks.slice(2, lessonsIndex),
    lessonsHeading: heading.replace(/\s*:$/, ''),
    lessons: lessonLines.map((line) => line.replace(/^\d+- /, '')),
    commentAuthor: blocks[commentIndex].replace(/ said\.\.\.$/, ''),
    commentParagraphs: blocks.slice(commentIndex + 1),
  };
}
