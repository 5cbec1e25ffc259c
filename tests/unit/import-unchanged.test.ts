import {
  canonical,
  sameComment,
  samePost,
  sameTerm,
  type IncomingComment,
  type IncomingPost,
  type StoredPost,
} from '../../server/src/import/unchanged';

/** A post as the importer would write it. */
const incoming = (over: Partial<IncomingPost> = {}): IncomingPost => ({
  title: 'Lessons from a garden',
  slug: 'lessons-from-a-garden',
  excerpt: null,
  body: [{ type: 'paragraph', children: [{ type: 'text', text: 'Dig.' }] }],
  originalDate: '2024-05-01',
  authorName: 'Ana',
  lessonsHeading: 'What the garden taught me',
  lessons: [{ text: 'Patience' }, { text: 'Water' }],
  commentsEnabled: true,
  cover: 7,
  categories: ['cat-b', 'cat-a'],
  tags: ['tag-a'],
  author: 'author-1',
  ...over,
});

/** The same post as a database answers it: other key order, JSON as text, 1 for true … */
const stored = (publishedAt: string | null, over: Partial<StoredPost> = {}): StoredPost => ({
  publishedAt,
  slug: 'lessons-from-a-garden',
  title: 'Lessons from a garden',
  body: '[{"children":[{"text":"Dig.","type":"text"}],"type":"paragraph"}]',
  excerpt: null,
  originalDate: '2024-05-01',
  authorName: 'Ana',
  lessonsHeading: 'What the garden taught me',
  commentsEnabled: 1,
  lessons: [
    { text: 'Patience', id: 1 } as { text: string },
    { text: 'Water', id: 2 } as { text: string },
  ],
  cover: { id: 7 },
  categories: [{ documentId: 'cat-a' }, { documentId: 'cat-b' }],
  tags: [{ documentId: 'tag-a' }],
  author: { documentId: 'author-1' },
  ...over,
});

describe('whether an imported post holds what a new run would write', () => {
  it('finds a published post unchanged when its draft and published version hold the file’s fields', () => {
    expect(samePost([stored(null), stored('2024-05-02T10:00:00.000Z')], incoming(), true)).toBe(
      true
    );
  });

  it('finds a draft unchanged only while it is not published', () => {
    expect(samePost([stored(null)], incoming(), false)).toBe(true);
    expect(samePost([stored(null), stored('2024-05-02')], incoming(), false)).toBe(false);
    // Published at the source, not published here: the run publishes it.
    expect(samePost([stored(null)], incoming(), true)).toBe(false);
    expect(samePost([], incoming(), false)).toBe(false);
  });

  it('sees a change in any field the importer writes', () => {
    const changes: Array<Partial<IncomingPost>> = [
      { title: 'Lessons from a garden!' },
      { slug: 'lessons-from-a-garden-12' },
      { excerpt: 'Now with an excerpt' },
      { body: [{ type: 'paragraph', children: [{ type: 'text', text: 'Dig deeper.' }] }] },
      { originalDate: '2024-05-02' },
      { authorName: 'Ana W.' },
      { lessonsHeading: null },
      { lessons: [{ text: 'Water' }, { text: 'Patience' }] },
      { commentsEnabled: false },
      { cover: null },
      { categories: ['cat-a'] },
      { tags: ['tag-a', 'tag-b'] },
      { author: null },
    ];
    for (const change of changes) {
      expect({ change, same: samePost([stored(null)], incoming(change), false) }).toEqual({
        change,
        same: false,
      });
    }
  });

  it('sees an editor’s change to the published version that the draft does not have', () => {
    const rows = [stored(null), stored('2024-05-02', { title: 'Edited online' })];
    expect(samePost(rows, incoming(), true)).toBe(false);
  });

  it('takes a date-only value answered as a Date, and keys in any order, as the same', () => {
    const row = stored(null, { originalDate: new Date('2024-05-01T00:00:00.000Z') });
    expect(samePost([row], incoming(), false)).toBe(true);
    expect(canonical({ b: 1, a: [undefined, { d: 2, c: undefined }] })).toBe(
      canonical({ a: [null, { d: 2 }], b: 1 })
    );
  });
});

describe('whether an imported comment holds what a new run would write', () => {
  const comment: IncomingComment = {
    importKey: 'wxr:example.com:comment:3',
    post: 'post-1',
    parent: 'comment-0',
    authorName: 'Bea',
    authorEmail: 'bea@example.com',
    authorUrl: null,
    content: 'Nice post',
    status: 'approved',
    submittedAt: '2024-05-03T08:00:00Z',
  };
  const row = {
    importKey: 'wxr:example.com:comment:3',
    postDocumentId: 'post-1',
    parentDocumentId: 'comment-0',
    authorName: 'Bea',
    authorEmail: 'bea@example.com',
    authorUrl: null,
    content: 'Nice post',
    status: 'approved',
    // SQLite answers a number, PostgreSQL a Date, others text.
    submittedAt: Date.parse('2024-05-03T08:00:00.000Z'),
  };

  it('finds it unchanged whatever form the database answers its date in', () => {
    expect(sameComment(row, comment)).toBe(true);
    expect(sameComment({ ...row, submittedAt: new Date('2024-05-03T08:00:00Z') }, comment)).toBe(
      true
    );
    expect(sameComment({ ...row, submittedAt: '2024-05-03T08:00:00.000Z' }, comment)).toBe(true);
  });

  it('sees a change in its status, text, author, date, post or parent', () => {
    const changes = [
      { status: 'pending' },
      { content: 'Nice post!' },
      { authorUrl: 'https://bea.example' },
      { authorEmail: 'other@example.com' },
      { submittedAt: '2024-05-03T08:00:01Z' },
      { post: 'post-2' },
      { parent: null },
      // A comment 0.1.0 imported without a scope, adopted: its key is rewritten.
      { importKey: 'wxr:comment:3' },
    ];
    for (const change of changes) {
      expect({ change, same: sameComment(row, { ...comment, ...change }) }).toEqual({
        change,
        same: false,
      });
    }
  });
});

describe('whether a category, tag or author holds what a new run would write', () => {
  it('compares only the fields the run writes, a category’s parent by its documentId', () => {
    const stored = { name: 'Garden', description: null, parent: { documentId: 'cat-1' } };
    expect(sameTerm(stored, { name: 'Garden', description: null, parent: 'cat-1' })).toBe(true);
    // No parent given (a dry run, or a top-level category): the stored one is not compared.
    expect(sameTerm(stored, { name: 'Garden', description: null })).toBe(true);
    expect(sameTerm(stored, { name: 'Garden & Yard', description: null })).toBe(false);
    expect(sameTerm(stored, { name: 'Garden', description: 'Now described' })).toBe(false);
    expect(sameTerm(stored, { name: 'Garden', description: null, parent: 'cat-2' })).toBe(false);
    // An author's URL the file does not give is left as it is.
    expect(sameTerm({ name: 'Ana', url: 'https://ana.example' }, { name: 'Ana' })).toBe(true);
  });
});
