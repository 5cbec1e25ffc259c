import { htmlToBlocks, inlineText, type Block } from '../../server/src/import/html-to-blocks';
import { extractLessons } from '../../server/src/import/lessons';
import { readSeedText } from '../helpers/seed-text';

const plain = (blocks: Block[]) =>
  blocks.map((block) => ('children' in block ? inlineText(block.children as never) : ''));

describe('extractLessons', () => {
  it('finds exactly the seed post’s five lessons and heading in its Blogger HTML', () => {
    const seed = readSeedText();
    // As Blogger exports it: line breaks as <br />, paragraphs as two of them.
    const html = [
      ...seed.paragraphs,
      [`${seed.lessonsHeading} :`, ...seed.lessons.map((l, i) => `${i + 1}- ${l}`)].join('\n'),
    ]
      .join('\n\n')
      .replace(/\n/g, '<br />');
    const found = extractLessons(htmlToBlocks(html))!;
    expect(found.lessonsHeading).toBe(seed.lessonsHeading);
    expect(found.lessons).toEqual(seed.lessons);
    expect(plain(found.body)).toEqual(seed.paragraphs);
  });

  it('takes an <ol> announced by a paragraph ending with ":", and that line as heading', () => {
    const found = extractLessons(
      htmlToBlocks('<p>Intro.</p><p>What I learned:</p><ol><li>One</li><li>Two</li></ol>')
    )!;
    expect(found).toEqual({
      body: [{ type: 'paragraph', children: [{ type: 'text', text: 'Intro.' }] }],
      lessons: ['One', 'Two'],
      lessonsHeading: 'What I learned',
    });
  });

  it('leaves an ordered list alone when nothing announces it, even at the end of the post', () => {
    // Steps of a recipe, a ranking …: content, not lessons.
    expect(
      extractLessons(htmlToBlocks('<p>How to plant</p><ol><li>Dig</li><li>Sow</li></ol>'))
    ).toBeNull();
    expect(extractLessons(htmlToBlocks('<p>Steps</p><p>1. Dig<br>2. Sow</p>'))).toBeNull();
    expect(extractLessons(htmlToBlocks('<p>Intro.</p><p>1) Dig<br>2) Sow</p>'))).toBeNull();
  });

  it('takes lines numbered in the seed’s "1- " form at the end of a post, heading or not', () => {
    const found = extractLessons(htmlToBlocks('<p>Intro.</p><p>1- Listen<br>2- Wait</p>'))!;
    expect(found.lessons).toEqual(['Listen', 'Wait']);
    expect(found.lessonsHeading).toBeNull();
    expect(plain(found.body)).toEqual(['Intro.']);
  });

  it('takes a list announced with ":" even when the post goes on', () => {
    const found = extractLessons(
      htmlToBlocks(
        '<p>Three rules:<br>1. Give<br>2) Listen<br>3) Wait</p><p>Thanks for reading.</p>'
      )
    )!;
    expect(found.lessons).toEqual(['Give', 'Listen', 'Wait']);
    expect(found.lessonsHeading).toBe('Three rules');
    expect(plain(found.body)).toEqual(['Thanks for reading.']);
  });

  it('leaves a body without such a list alone', () => {
    expect(extractLessons(htmlToBlocks('<p>Just text.</p><ul><li>a</li></ul>'))).toBeNull();
    // A list in the middle, not announced, is content.
    expect(
      extractLessons(htmlToBlocks('<ol><li>a</li><li>b</li></ol><p>More text after.</p>'))
    ).toBeNull();
    // Numbered lines that do not start at 1 are not lessons.
    expect(extractLessons(htmlToBlocks('Steps<br>2. b<br>3. c'))).toBeNull();
  });
});
