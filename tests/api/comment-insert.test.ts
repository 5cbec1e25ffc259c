import { COMMENT_UID } from '../../contracts/plugin';
import { insertComments } from '../../server/src/db/comment-insert';
import { sql } from '../../server/src/db/connection';
import { relationInverseOrder } from '../../server/src/db/metadata';
import { commentTables } from '../../server/src/repositories/table-names';
import type { ModerationService } from '../../server/src/services/moderation';
import { createPost } from '../helpers/factories';
import { freshDatabase, removeDatabase, startApp, type TestApp } from '../helpers/strapi';

type Row = Record<string, unknown>;

/**
 * The public submission writes a comment straight into Strapi's tables (db/comment-insert.ts,
 * through the moderation service's `createDirect`). The same comment written both ways, through
 * the Document Service and straight, must leave the same rows: the comment's columns, its links
 * to the post's draft and published rows and their order, a reply's link to its parent, the
 * post's count, the moderation log, and Strapi's entry.create event.
 */
describe('a comment written straight is written as the Document Service writes it', () => {
  const database = freshDatabase();
  let app: TestApp;
  let post: { documentId: string; slug: string };
  const events: Row[] = [];
  const onCreate = async (payload: unknown) => {
    events.push(payload as Row);
  };

  const moderation = () => app.strapi.plugin('blog').service('moderation') as ModerationService;
  const asImporter = <T>(fn: () => Promise<T>) =>
    moderation().runAs({ type: 'importer', name: 'test' }, fn, { defaultLocale: 'en' });
  const given = (content: string, parent: string | null = null) => ({
    post: post.documentId,
    parent,
    authorName: 'Same Author',
    authorEmail: 'same@example.org',
    authorUrl: 'https://example.org',
    content,
    status: 'approved',
    pageLocale: 'en',
  });
  /** The ids of the post's rows in the default locale (its draft and published rows). */
  const postRowIds = async () => {
    const knex = await sql(app.strapi);
    const n = commentTables(app.strapi);
    const rows = (await knex(n.posts)
      .select('id')
      .where({ [n.postDocumentId]: post.documentId, locale: 'en' })
      .orderBy('id')) as Array<{ id: number }>;
    return rows.map((row) => Number(row.id));
  };
  const viaDocuments = (content: string, parent: string | null = null) =>
    asImporter(
      () =>
        app.strapi
          .documents(COMMENT_UID)
          .create({ data: given(content, parent) } as never) as unknown as Promise<{
          documentId: string;
        }>
    );
  const straight = async (content: string, parent: string | null = null) => {
    const ids = await postRowIds();
    return asImporter(() => moderation().createDirect(given(content, parent), ids));
  };

  const commentRow = async (documentId: string) => {
    const knex = await sql(app.strapi);
    const n = commentTables(app.strapi);
    return (await knex(n.comments).where(n.commentDocumentId, documentId).first()) as Row;
  };
  const postLinks = async (documentId: string) => {
    const knex = await sql(app.strapi);
    const n = commentTables(app.strapi);
    const order = relationInverseOrder(app.strapi, COMMENT_UID, 'post');
    return (await knex(`${n.postLink.table} as l`)
      .join(`${n.comments} as c`, 'c.id', `l.${n.postLink.comment}`)
      .where(`c.${n.commentDocumentId}`, documentId)
      .select({ post: `l.${n.postLink.post}`, order: `l.${order}` })
      .orderBy(`l.${n.postLink.post}`)) as Array<{ post: number; order: number }>;
  };
  const parentLink = async (documentId: string) => {
    const knex = await sql(app.strapi);
    const n = commentTables(app.strapi);
    const order = relationInverseOrder(app.strapi, COMMENT_UID, 'parent');
    return (await knex(`${n.parentLink.table} as l`)
      .join(`${n.comments} as c`, 'c.id', `l.${n.parentLink.child}`)
      .join(`${n.comments} as p`, 'p.id', `l.${n.parentLink.parent}`)
      .where(`c.${n.commentDocumentId}`, documentId)
      .select({ parent: `p.${n.commentDocumentId}`, order: `l.${order}` })) as Array<{
      parent: string;
      order: number;
    }>;
  };
  const logOf = async (documentId: string) => {
    const knex = await sql(app.strapi);
    const rows = (await knex('blog_moderation_events').where(
      'comment_document_id',
      documentId
    )) as Row[];
    return rows.map(
      ({
        id,
        document_id,
        comment_document_id,
        created_at,
        updated_at,
        published_at,
        ...rest
      }) => ({
        ...rest,
        kinds: [id, document_id, comment_document_id, created_at, updated_at, published_at].map(
          (value) => typeof value
        ),
      })
    );
  };

  beforeAll(async () => {
    app = await startApp({ database, keepDb: true });
    post = await createPost(app.strapi, { title: 'Written twice' });
    app.strapi.eventHub.on('entry.create', onCreate);
  });
  afterAll(async () => {
    app?.strapi.eventHub.removeListener('entry.create', onCreate);
    await app?.stop();
    await removeDatabase(database);
  });

  it('writes the same comment row, post links in order, reply link, count and log', async () => {
    expect(await postRowIds()).toHaveLength(2); // the post's draft and published rows
    const first = await viaDocuments('Written both ways.');
    const second = await straight('Written both ways.');
    const reply1 = await viaDocuments('A reply, both ways.', first.documentId);
    const reply2 = await straight('A reply, both ways.', second.documentId);

    // The comment rows: the same columns, the same values but for the ids and the times.
    const differ = [
      'id',
      'document_id',
      'created_at',
      'updated_at',
      'published_at',
      'submitted_at',
    ];
    const comparable = (row: Row, ...extra: string[]) => {
      const copy = { ...row };
      for (const column of [...differ, ...extra]) delete copy[column];
      return copy;
    };
    const [a, b] = [await commentRow(first.documentId), await commentRow(second.documentId)];
    expect(Object.keys(b).sort()).toEqual(Object.keys(a).sort());
    expect(comparable(b)).toEqual(comparable(a));
    for (const column of differ) {
      expect(b[column]).not.toBeNull();
      expect(typeof b[column]).toBe(typeof a[column]);
    }
    expect(String(b.document_id)).toMatch(/^[a-z][a-z0-9]{23}$/);
    const [c, d] = [await commentRow(reply1.documentId), await commentRow(reply2.documentId)];
    const threads = ['parent_document_id', 'root_document_id'];
    expect(comparable(d, ...threads)).toEqual(comparable(c, ...threads));
    expect([d.parent_document_id, d.root_document_id]).toEqual([
      second.documentId,
      second.documentId,
    ]);

    // Linked to both rows of the post, each after the comment before it.
    const [linksA, linksB] = [
      await postLinks(first.documentId),
      await postLinks(second.documentId),
    ];
    expect(linksA.map((link) => link.post)).toEqual(await postRowIds());
    expect(linksB.map((link) => link.post)).toEqual(linksA.map((link) => link.post));
    expect(linksB.map((link) => Number(link.order))).toEqual(
      linksA.map((link) => Number(link.order) + 1)
    );
    const [linksC, linksD] = [
      await postLinks(reply1.documentId),
      await postLinks(reply2.documentId),
    ];
    expect(linksD.map((link) => Number(link.order))).toEqual(
      linksC.map((link) => Number(link.order) + 1)
    );
    expect(await parentLink(reply1.documentId)).toEqual([{ parent: first.documentId, order: 1 }]);
    expect(await parentLink(reply2.documentId)).toEqual([{ parent: second.documentId, order: 1 }]);

    // Both counted, both logged alike; readers see all four in the thread.
    const [logA, logB] = [await logOf(first.documentId), await logOf(second.documentId)];
    expect(logB).toEqual(logA);
    expect(logB).toHaveLength(1);
    const res = await app.http().get(`/api/blog/posts/${post.slug}`).expect(200);
    expect(res.body.data.commentCount).toBe(4);
    const thread = await app.http().get(`/api/blog/posts/${post.slug}/comments`).expect(200);
    expect(
      thread.body.data.map((comment: { documentId: string; replies: Row[] }) => [
        comment.documentId,
        comment.replies.map((reply) => reply.documentId),
      ])
    ).toEqual([
      [first.documentId, [reply1.documentId]],
      [second.documentId, [reply2.documentId]],
    ]);
  });

  it("sends Strapi's entry.create event with the same fields, and no private one", async () => {
    events.length = 0;
    const first = await viaDocuments('Announced both ways.');
    const second = await straight('Announced both ways.');
    await new Promise((resolve) => setTimeout(resolve, 200));
    const entryOf = (documentId: string) =>
      events.find((event) => (event.entry as Row).documentId === documentId) as
        { model: string; uid: string; entry: Row } | undefined;
    const [a, b] = [entryOf(first.documentId), entryOf(second.documentId)];
    expect(a).toBeDefined();
    expect(b).toBeDefined();
    expect([b?.model, b?.uid]).toEqual([a?.model, a?.uid]);
    expect(Object.keys(b?.entry ?? {}).sort()).toEqual(Object.keys(a?.entry ?? {}).sort());
    expect(b?.entry).not.toHaveProperty('authorEmail');
    expect(b?.entry).not.toHaveProperty('ipHash');
    expect((b?.entry.post as Row).documentId).toBe(post.documentId);
    expect(b?.entry.content).toBe(a?.entry.content);
  });
  it('writes a batch of one post in order: each after the one before, replies after theirs', async () => {
    const parent = await viaDocuments('The parent of a batch.');
    const before = await postLinks(parent.documentId);
    const row = (content: string, parentDocumentId: string | null) => ({
      data: {
        authorName: 'Batch',
        content,
        status: 'approved',
        postDocumentId: post.documentId,
        parentDocumentId,
        rootDocumentId: parentDocumentId,
      },
      parentDocumentId,
    });
    const ids = await postRowIds();
    const written = await app.strapi.db.transaction(() =>
      insertComments(app.strapi, ids, [
        row('First of the batch.', null),
        row('Second, a reply.', parent.documentId),
        row('Third, a reply too.', parent.documentId),
      ])
    );
    expect(written.map((comment) => comment.values.content)).toEqual([
      'First of the batch.',
      'Second, a reply.',
      'Third, a reply too.',
    ]);
    for (const [index, comment] of written.entries()) {
      expect((await postLinks(comment.documentId)).map((link) => Number(link.order))).toEqual(
        before.map((link) => Number(link.order) + index + 1)
      );
      expect(Number((await commentRow(comment.documentId)).id)).toBe(comment.id);
    }
    expect(await parentLink(written[0].documentId)).toEqual([]);
    expect(await parentLink(written[1].documentId)).toEqual([
      { parent: parent.documentId, order: 1 },
    ]);
    expect(await parentLink(written[2].documentId)).toEqual([
      { parent: parent.documentId, order: 2 },
    ]);
  });
});
