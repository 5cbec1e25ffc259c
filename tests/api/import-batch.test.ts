import { COMMENT_UID, MODERATION_EVENT_UID, POST_UID } from '../../contracts/plugin';
import { MAX_BINDINGS, rowsPerStatement } from '../../server/src/db/batch-rows';
import { documentIdFactory, relationLink } from '../../server/src/db/metadata';
import { refusalOf } from '../../server/src/import/import-keys';
import type { ImportReport } from '../../server/src/services/importer';
import { createPost } from '../helpers/factories';
import { startApp, type TestApp } from '../helpers/strapi';

/**
 * The importer writes a post's new comments in one batch (server/src/import/comment-batch.ts,
 * server/src/db/batch-rows.ts): the stored comments, their links, log rows and counts must be
 * what the Document Service writes for the same comments one by one, threads inside one batch
 * must hold, a batch over SQLite's variable limit must be split, and a failure in the middle
 * must undo the whole post, which a re-run then completes.
 */

interface SourceComment {
  id: number;
  parent?: number;
  status: '1' | '0' | 'spam' | 'trash';
  email?: string;
  url?: string;
  text?: string;
}

const SITE = 'https://batch.example.com';

const wxr = (posts: Array<{ id: number; comments: SourceComment[] }>) =>
  Buffer.from(
    '<?xml version="1.0" encoding="UTF-8"?>\n<rss version="2.0" ' +
      'xmlns:content="http://purl.org/rss/1.0/modules/content/" ' +
      'xmlns:wp="http://wordpress.org/export/1.2/"><channel><title>Batch</title>' +
      `<link>${SITE}</link><wp:wxr_version>1.2</wp:wxr_version>` +
      posts
        .map(
          ({ id, comments }) =>
            `<item><title>Batch post ${id}</title>` +
            `<content:encoded><![CDATA[<p>Post ${id}</p>]]></content:encoded>` +
            `<wp:post_id>${id}</wp:post_id><wp:post_date_gmt>2015-01-01 00:00:00</wp:post_date_gmt>` +
            `<wp:post_name>batch-post-${id}</wp:post_name><wp:status>publish</wp:status>` +
            `<wp:post_type>post</wp:post_type>` +
            comments
              .map(
                (c) =>
                  `<wp:comment><wp:comment_id>${c.id}</wp:comment_id>` +
                  `<wp:comment_author><![CDATA[Reader ${c.id}]]></wp:comment_author>` +
                  `<wp:comment_author_email>${c.email ?? `reader${c.id}@example.com`}</wp:comment_author_email>` +
                  (c.url ? `<wp:comment_author_url>${c.url}</wp:comment_author_url>` : '') +
                  `<wp:comment_date_gmt>2015-01-02 00:00:${String(c.id % 60).padStart(2, '0')}</wp:comment_date_gmt>` +
                  `<wp:comment_content><![CDATA[${c.text ?? `Comment <b>${c.id}</b>`}]]></wp:comment_content>` +
                  `<wp:comment_approved>${c.status}</wp:comment_approved>` +
                  `<wp:comment_parent>${c.parent ?? 0}</wp:comment_parent></wp:comment>`
              )
              .join('') +
            '</item>'
        )
        .join('\n') +
      '</channel></rss>\n'
  );

/** What WordPress's statuses become (docs/import.md). */
const STATUS = { '1': 'approved', '0': 'pending', spam: 'spam', trash: 'rejected' } as const;

/**
 * A thread with replies to replies, every status, a refused comment and a reply to it; parents
 * first, the order the importer writes them in (so the one-by-one reference is written alike).
 */
const THREAD: SourceComment[] = [
  { id: 11, status: '1', url: 'https://one.example.com/' },
  { id: 14, status: 'spam' },
  { id: 16, status: '1', email: 'not-an-email' },
  { id: 12, parent: 11, status: '0' },
  { id: 15, parent: 11, status: 'trash' },
  { id: 17, parent: 16, status: '1' },
  { id: 13, parent: 12, status: '1', text: 'A reply &amp; <em>its</em> reply' },
  { id: 18, parent: 13, status: '1' },
];

describe('the importer’s comment batches', () => {
  let app: TestApp;

  const importBuffer = (file: Buffer): Promise<ImportReport> =>
    app.strapi
      .plugin('blog')
      .service('importer')
      .run(
        async function* () {
          yield file;
        },
        { format: 'wxr' }
      );

  const postDocumentId = async (sourceId: number) => {
    const row = (await app.strapi.db.query(POST_UID as never).findOne({
      where: { importKey: `wxr:batch.example.com:post:${sourceId}` },
      select: ['documentId'],
    })) as { documentId: string } | null;
    return row?.documentId ?? null;
  };

  /**
   * A post's comments, links, log rows and count with every id replaced by a label (the
   * comment's author name): what must be equal whichever way the comments were written.
   */
  const snapshot = async (post: string) => {
    const knex = app.strapi.db.connection;
    const comments = (await app.strapi.db.query(COMMENT_UID as never).findMany({
      where: { postDocumentId: post },
      orderBy: { id: 'asc' },
      populate: { post: { select: ['id'] }, parent: { select: ['documentId'] } },
    })) as Array<Record<string, unknown> & { id: number; documentId: string }>;
    const label = new Map(comments.map((c) => [c.documentId, String(c.authorName)]));
    const labelOfRow = new Map(comments.map((c) => [c.id, String(c.authorName)]));
    const named = (documentId: unknown) =>
      documentId ? (label.get(String(documentId)) ?? 'elsewhere') : null;
    const postLink = relationLink(app.strapi, COMMENT_UID, 'post');
    const parentLink = relationLink(app.strapi, COMMENT_UID, 'parent');
    const ids = comments.map((c) => c.id);
    const links = async (link: typeof postLink, target: (id: number) => unknown) =>
      (
        (await knex(link.table).whereIn(link.owner, ids).orderBy('id')) as Array<
          Record<string, number>
        >
      ).map((row) => [labelOfRow.get(row[link.owner]), target(row[link.target]), row.comment_ord]);
    const postRows = (await app.strapi.db.query(POST_UID as never).findMany({
      where: { documentId: post },
      select: ['id', 'publishedAt'],
    })) as Array<{ id: number; publishedAt: string | null }>;
    const version = (id: number) =>
      postRows.find((row) => row.id === id)?.publishedAt ? 'published' : 'draft';
    const events = (await app.strapi.db.query(MODERATION_EVENT_UID as never).findMany({
      where: { postDocumentId: post },
      orderBy: { id: 'asc' },
    })) as Array<Record<string, unknown>>;
    const count = await knex('blog_comment_counts').where('post_document_id', post).first();
    return {
      comments: comments.map((c) => ({
        name: c.authorName,
        email: c.authorEmail,
        url: c.authorUrl,
        content: c.content,
        status: c.status,
        moderationReason: c.moderationReason,
        ipHash: c.ipHash,
        userAgent: c.userAgent,
        submittedAt: c.submittedAt,
        staff: c.staff,
        pageLocale: c.pageLocale,
        locale: c.locale,
        published: Boolean(c.publishedAt),
        createdBy: c.createdBy ?? null,
        parent: named((c.parent as { documentId?: string } | null)?.documentId),
        parentCopy: named(c.parentDocumentId),
        rootCopy: named(c.rootDocumentId),
        postCopy: c.postDocumentId === post,
        posts: ((c.post ? [c.post] : []) as unknown[]).length,
      })),
      postLinks: await links(postLink, (id) => version(id)),
      parentLinks: await links(parentLink, (id) => labelOfRow.get(id)),
      events: events.map((e) => ({
        comment: named(e.commentDocumentId),
        fromStatus: e.fromStatus,
        toStatus: e.toStatus,
        actorType: e.actorType,
        actorId: e.actorId,
        actorName: e.actorName,
        rule: e.rule,
        via: e.via,
        reason: e.reason,
        previousContent: e.previousContent,
      })),
      approved: Number(count?.approved ?? 0),
    };
  };

  beforeAll(async () => {
    app = await startApp();
  });
  afterAll(async () => {
    await app?.stop();
  });

  it('relies on Strapi metadata that holds: link tables with inverse order, documentId defaults', () => {
    for (const attribute of ['post', 'parent']) {
      const meta = app.strapi.db.metadata.get(COMMENT_UID as never) as unknown as {
        attributes: Record<string, { joinTable?: { inverseOrderColumnName?: string } }>;
      };
      expect(meta.attributes[attribute].joinTable?.inverseOrderColumnName).toBe('comment_ord');
      expect(relationLink(app.strapi, COMMENT_UID, attribute).table).toMatch(/_lnk$/);
    }
    const make = documentIdFactory(app.strapi, COMMENT_UID);
    const [a, b] = [make(), make()];
    expect(a).toMatch(/^[a-z0-9]{24}$/);
    expect(a).not.toBe(b);
    expect(rowsPerStatement(27) * 27).toBeLessThanOrEqual(MAX_BINDINGS);
  });

  it('stores, links, logs and counts a thread exactly as the Document Service does one comment at a time', async () => {
    const report = await importBuffer(wxr([{ id: 1, comments: THREAD }]));
    expect(report.comments.created).toBe(7);
    expect(report.comments.skipped.map((s) => s.sourceId)).toEqual(['16']);
    const imported = (await postDocumentId(1))!;

    // The same comments, one by one through the Document Service as the importer, parents first.
    const reference = await createPost(app.strapi, { title: 'Reference' });
    const written = new Map<number, string>();
    const refusals: string[] = [];
    for (const c of THREAD) {
      try {
        const created = (await app.strapi
          .plugin('blog')
          .service('moderation')
          .runAs({ type: 'importer' }, () =>
            app.strapi.documents(COMMENT_UID as never).create({
              data: {
                post: reference.documentId,
                parent: c.parent ? (written.get(c.parent) ?? null) : null,
                authorName: `Reader ${c.id}`,
                authorEmail: c.email ?? `reader${c.id}@example.com`,
                authorUrl: c.url ?? null,
                content: (c.text ?? `Comment <b>${c.id}</b>`)
                  .replace(/<[^>]+>/g, '')
                  .replace('&amp;', '&'),
                status: STATUS[c.status],
                submittedAt: `2015-01-02T00:00:${String(c.id % 60).padStart(2, '0')}.000Z`,
                importKey: `reference:${c.id}`,
              },
            } as never)
          )) as { documentId: string };
        written.set(c.id, created.documentId);
      } catch (error) {
        refusals.push(refusalOf(error) ?? 'not a refusal');
      }
    }
    expect(report.comments.skipped.map((s) => s.reason)).toEqual(refusals);

    const batch = await snapshot(imported);
    const oneByOne = await snapshot(reference.documentId);
    expect(batch).toEqual(oneByOne);
    // What the comparison covers, so that it cannot pass on two empty posts.
    expect(batch.comments.find((c) => c.name === 'Reader 13')).toMatchObject({
      parent: 'Reader 12',
      rootCopy: 'Reader 11',
      status: 'approved',
      content: 'A reply & its reply',
    });
    expect(batch.comments.find((c) => c.name === 'Reader 17')?.parent).toBeNull();
    expect(batch.postLinks).toHaveLength(14);
    expect(batch.events).toHaveLength(7);
    expect(batch.approved).toBe(4);

    // Readers see the thread and the count.
    const post = await app.http().get('/api/blog/posts/batch-post-1').expect(200);
    expect(post.body.data.commentCount).toBe(4);
  });

  it('splits a post with more comments than one statement may bind, threads across the split intact', async () => {
    const many: SourceComment[] = Array.from({ length: 130 }, (_, i) => ({
      id: 1000 + i,
      status: '1',
      ...(i > 0 && i % 2 === 0 ? { parent: 1000 + i - 1 } : {}),
    }));
    const report = await importBuffer(wxr([{ id: 2, comments: many }]));
    expect(report.comments).toMatchObject({ created: 130, skipped: [] });
    const snap = await snapshot((await postDocumentId(2))!);
    expect(snap.comments).toHaveLength(130);
    expect(snap.events).toHaveLength(130);
    expect(snap.approved).toBe(130);
    // Each post version numbers its comments 1..130 in the order they were written.
    for (const version of ['draft', 'published']) {
      expect(snap.postLinks.filter(([, v]) => v === version).map(([, , ord]) => ord)).toEqual(
        Array.from({ length: 130 }, (_, i) => i + 1)
      );
    }
    expect(snap.parentLinks).toHaveLength(64);
    const last = snap.comments.find((c) => c.name === 'Reader 1128');
    expect(last).toMatchObject({ parent: 'Reader 1127', parentCopy: 'Reader 1127' });
  });

  it('shows an import’s new comments on the next public read, never the cached page from before', async () => {
    await importBuffer(wxr([{ id: 3, comments: [{ id: 3001, status: '1' }] }]));
    const thread = () => app.http().get('/api/blog/posts/batch-post-3/comments').expect(200);
    const names = (res: { body: { data: Array<{ authorName: string }> } }) =>
      res.body.data.map((c) => c.authorName);
    expect(names(await thread())).toEqual(['Reader 3001']);
    const cached = await thread();
    expect(cached.headers['x-blog-cache']).toBe('HIT');

    // The same export again with a new comment and a reply: the batch's raw link rows and count
    // reach the public answer at once (the first comment is skipped as already imported).
    const report = await importBuffer(
      wxr([
        {
          id: 3,
          comments: [
            { id: 3001, status: '1' },
            { id: 3002, status: '1' },
            { id: 3003, parent: 3001, status: '1' },
          ],
        },
      ])
    );
    expect(report.comments).toMatchObject({ created: 2 });
    const after = await thread();
    expect(after.headers['x-blog-cache']).not.toBe('HIT');
    expect(names(after)).toEqual(['Reader 3001', 'Reader 3002']);
    expect(after.body.meta.pagination.total).toBe(2); // the reply is not a root
    expect(after.body.data[0].replies.map((r: { authorName: string }) => r.authorName)).toEqual([
      'Reader 3003',
    ]);
    const posts = await app.http().get('/api/blog/posts/batch-post-3').expect(200);
    expect(posts.body.data.commentCount).toBe(3);
  });

  it('undoes a whole post when its batch fails halfway, and a re-run completes the import', async () => {
    const file = wxr([
      {
        id: 31,
        comments: [
          { id: 3101, status: '1' },
          { id: 3102, parent: 3101, status: '1' },
        ],
      },
      {
        id: 32,
        comments: [
          { id: 3201, status: '1' },
          { id: 3202, parent: 3201, status: '0' },
        ],
      },
      { id: 33, comments: [{ id: 3301, status: '1' }] },
    ]);
    const manager = app.strapi.db.entityManager as unknown as {
      createMany: (uid: string, params: unknown) => Promise<unknown>;
    };
    const original = manager.createMany.bind(manager);
    let logBatches = 0;
    // The log rows of the second post fail: its comments and their links are written by then.
    manager.createMany = async (uid, params) => {
      if (uid === MODERATION_EVENT_UID && ++logBatches === 2) throw new Error('disk full');
      return original(uid, params);
    };
    try {
      await expect(importBuffer(file)).rejects.toThrow('disk full');
    } finally {
      manager.createMany = original;
    }
    const first = (await postDocumentId(31))!;
    expect(first).not.toBeNull();
    expect((await snapshot(first)).comments).toHaveLength(2);
    expect(await postDocumentId(32)).toBeNull();
    expect(
      await app.strapi.db
        .query(COMMENT_UID as never)
        .count({ where: { importKey: { $startsWith: 'wxr:batch.example.com:comment:32' } } })
    ).toBe(0);
    const orphans = relationLink(app.strapi, COMMENT_UID, 'post');
    const linked = await app.strapi.db
      .connection(orphans.table)
      .whereNotIn(orphans.owner, app.strapi.db.connection('blog_comments').select('id'))
      .count({ n: '*' });
    expect(Number(linked[0].n)).toBe(0);

    const again = await importBuffer(file);
    expect(again.posts).toMatchObject({ created: 2, unchanged: 1 });
    expect(again.comments).toMatchObject({ created: 3, unchanged: 2, updated: 0 });
    const second = await snapshot((await postDocumentId(32))!);
    expect(second.comments.map((c) => [c.name, c.parent, c.status])).toEqual([
      ['Reader 3201', null, 'approved'],
      ['Reader 3202', 'Reader 3201', 'pending'],
    ]);
    expect(second.events).toHaveLength(2);
    expect(second.approved).toBe(1);
  });
});
