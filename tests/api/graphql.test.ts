import { BLOG_GRAPHQL_MUTATIONS, BLOG_GRAPHQL_QUERIES } from '../../contracts/graphql';
import { COMMENT_UID } from '../../contracts/plugin';
import { nextIp, setSettings } from '../helpers/comments-api';
import { createComment, createPost } from '../helpers/factories';
import { readSeedText } from '../helpers/seed-text';
import { countStatements } from '../helpers/sql-count';
import { startApp, type TestApp } from '../helpers/strapi';

const SEED_SLUG = 'networking-biggest-mistake';

/** The plugin's GraphQL queries and mutation on the real `/graphql` endpoint, as Public. */
describe('GraphQL', () => {
  let app: TestApp;

  const gql = async (query: string, variables: Record<string, unknown> = {}, ip = nextIp()) => {
    const res = await app
      .http()
      .post('/graphql')
      .set('X-Forwarded-For', ip)
      .send({ query, variables });
    // eslint-disable-next-line @typescript-eslint/no-explicit-any -- answers are read field by field
    return res.body as { data?: Record<string, any>; errors?: Array<Record<string, any>> };
  };

  beforeAll(async () => {
    app = await startApp();
  });
  afterAll(async () => {
    await app?.stop();
  });

  it('reads the seed post with its lessons and comment count', async () => {
    const seed = readSeedText();
    const { data, errors } = await gql(
      `query ($slug: String!) {
        blogPost(slug: $slug) { title originalDate lessonsHeading lessons { position text } commentCount }
        blogPosts(pageSize: 5) { data { slug } pagination { page pageSize total } }
      }`,
      { slug: SEED_SLUG }
    );
    expect(errors).toBeUndefined();
    expect(data!.blogPost).toEqual({
      title: seed.title,
      originalDate: '2008-02-22',
      lessonsHeading: seed.lessonsHeading,
      lessons: seed.lessons.map((text, i) => ({ position: i + 1, text })),
      commentCount: 1,
    });
    expect(data!.blogPosts.data.map((p: { slug: string }) => p.slug)).toContain(SEED_SLUG);
    expect(data!.blogPosts.pagination).toMatchObject({ page: 1, pageSize: 5 });
    expect((await gql('{ blogPost(slug: "no-such-post") { title } }')).data!.blogPost).toBeNull();
  });

  it('reads approved comments as threads, nothing held', async () => {
    const post = await createPost(app.strapi, { title: 'Threads in GraphQL' });
    const root = await createComment(app.strapi, { post: post.documentId, content: 'Root' });
    await createComment(app.strapi, {
      post: post.documentId,
      parent: root.documentId,
      content: 'Reply',
    });
    await createComment(app.strapi, { post: post.documentId, status: 'pending', content: 'Held' });
    const { data, errors } = await gql(
      `query ($slug: String!) {
        blogComments(slug: $slug) {
          data { content parent replies { content parent replies { content } } }
          pagination { total }
        }
      }`,
      { slug: post.slug }
    );
    expect(errors).toBeUndefined();
    expect(data!.blogComments).toEqual({
      data: [
        {
          content: 'Root',
          parent: null,
          replies: [{ content: 'Reply', parent: root.documentId, replies: [] }],
        },
      ],
      pagination: { total: 1 },
    });
  });

  it('submits a comment through the same rules as REST', async () => {
    await setSettings(app, { requireApproval: 'always', minSubmitSeconds: 0 });
    const form = await gql(`{ blogCommentForm(slug: "${SEED_SLUG}") { formToken honeypotField } }`);
    expect(form.errors).toBeUndefined();
    const mutation = `mutation ($slug: String!, $data: BlogCommentInput!, $token: String, $honeypot: String) {
      createBlogComment(slug: $slug, data: $data, formToken: $token, honeypot: $honeypot) { documentId status }
    }`;
    const data = { authorName: 'Grace', authorEmail: 'grace@example.com', content: 'Via GraphQL.' };
    const sent = await gql(mutation, {
      slug: SEED_SLUG,
      data,
      token: form.data!.blogCommentForm.formToken,
    });
    expect(sent.errors).toBeUndefined();
    expect(sent.data!.createBlogComment.status).toBe('pending');
    const stored = await app.strapi.db
      .query(COMMENT_UID as never)
      .findOne({ where: { documentId: sent.data!.createBlogComment.documentId } });
    expect(stored).toMatchObject({
      status: 'pending',
      authorEmail: 'grace@example.com',
      moderationReason: expect.stringMatching(/^require-approval:/),
    });

    // A filled honeypot is spam, answered as pending, like REST.
    const bot = await gql(mutation, {
      slug: SEED_SLUG,
      data: { ...data, authorEmail: 'bot@example.com', content: 'Buy now' },
      token: form.data!.blogCommentForm.formToken,
      honeypot: 'http://spam.example.com',
    });
    expect(bot.data!.createBlogComment.status).toBe('pending');
    const spam = await app.strapi.db
      .query(COMMENT_UID as never)
      .findOne({ where: { documentId: bot.data!.createBlogComment.documentId } });
    expect(spam.status).toBe('spam');
    await setSettings(app, { requireApproval: 'first-time' });
  });

  it('refuses bad input with Strapi’s message and stores nothing', async () => {
    const before = await app.strapi.db.query(COMMENT_UID as never).count({});
    const res = await gql(
      `mutation { createBlogComment(slug: "${SEED_SLUG}", data: { authorName: "X", authorEmail: "not-an-email", content: "Hi" }) { status } }`
    );
    expect(res.data).toBeNull();
    expect(res.errors![0].message).toMatch(/email/i);
    expect(res.errors![0].extensions).toMatchObject({ error: { name: 'ValidationError' } });
    const gone = await gql(
      `mutation { createBlogComment(slug: "no-such-post", data: { authorName: "X", authorEmail: "x@example.com", content: "Hi" }) { status } }`
    );
    expect(gone.errors![0].extensions).toMatchObject({ error: { name: 'NotFoundError' } });
    expect(await app.strapi.db.query(COMMENT_UID as never).count({})).toBe(before);
  });

  it('has no private field and none of Strapi’s generated queries or mutations for the plugin', async () => {
    const { data } = await gql(`{
      __schema {
        queryType { fields { name } }
        mutationType { fields { name } }
        types { name fields { name } inputFields { name } }
      }
    }`);
    const types = data!.__schema.types as Array<{
      name: string;
      fields: Array<{ name: string }> | null;
      inputFields: Array<{ name: string }> | null;
    }>;
    const names = (list: Array<{ name: string }> | null) => (list ?? []).map((f) => f.name);
    const fieldsOf = (name: string) => names(types.find((t) => t.name === name)!.fields);
    const blogTypes = types.filter((t) => t.name.startsWith('Blog'));
    const every = blogTypes.flatMap((t) => [...names(t.fields), ...names(t.inputFields)]);
    for (const secret of ['ipHash', 'userAgent', 'moderationReason', 'importKey', 'user']) {
      expect(every).not.toContain(secret);
    }
    // No type of the schema has an import key: no generated type of a plugin content type.
    expect(types.filter((t) => names(t.fields).includes('importKey'))).toEqual([]);
    expect(fieldsOf('BlogComment')).not.toContain('authorEmail');
    expect(fieldsOf('BlogAuthor').sort()).toEqual(
      ['avatar', 'bio', 'documentId', 'name', 'postCount', 'slug', 'url'].sort()
    );
    expect(fieldsOf('BlogAuthorRef').sort()).toEqual(
      ['avatar', 'documentId', 'name', 'slug', 'url'].sort()
    );
    expect(fieldsOf('BlogMedia').sort()).toEqual(
      ['alternativeText', 'caption', 'formats', 'height', 'mime', 'url', 'width'].sort()
    );
    const queries = names(data!.__schema.queryType.fields);
    const mutations = names(data!.__schema.mutationType.fields);
    // (The playground's own readerComment type is its business, not the plugin's.)
    expect(queries.filter((q) => /blog|moderation/i.test(q)).sort()).toEqual(
      [...BLOG_GRAPHQL_QUERIES].sort()
    );
    // Strapi would name the generated ones after the content types' names.
    for (const generated of ['category', 'categories', 'tag', 'tags', 'author', 'authors']) {
      expect(queries).not.toContain(generated);
    }
    expect(mutations.filter((m) => /blog|moderation/i.test(m))).toEqual([
      ...BLOG_GRAPHQL_MUTATIONS,
    ]);
    for (const type of ['Category', 'Tag', 'Author']) {
      for (const verb of ['create', 'update', 'delete']) {
        expect(mutations).not.toContain(`${verb}${type}`);
      }
    }
  });

  describe('bounded work (limits.graphql)', () => {
    const aliases = (count: number, field: string) =>
      `{ ${Array.from({ length: count }, (_, i) => `a${i}: ${field}`).join(' ')} }`;
    const refusedForCost = (res: Awaited<ReturnType<typeof gql>>, actual: number) => {
      expect(res.data ?? null).toBeNull();
      // One refusal, however many aliases.
      expect(res.errors).toHaveLength(1);
      expect(res.errors![0].message).toContain('maxCost');
      expect(res.errors![0].extensions).toMatchObject({
        code: 'BAD_USER_INPUT',
        error: {
          name: 'ValidationError',
          details: { source: 'graphql', limit: 'maxCost', max: 250, actual },
        },
      });
    };

    it('refuses alias bombs before any SQL', async () => {
      const posts = aliases(500, 'blogPosts(pageSize: 100) { data { slug body } }');
      refusedForCost(await gql(posts), 500 * 101);
      const comments = aliases(3000, `blogComments(slug: "${SEED_SLUG}") { data { content } }`);
      refusedForCost(await gql(comments), 3000 * 26);
      // No SQL but the permission check any request makes.
      const baseline = await countStatements(app, () => gql('{ __typename }'));
      expect(await countStatements(app, () => gql(comments))).toBe(baseline);
    });

    it('counts fragments, inline fragments and variables', async () => {
      const viaFragments = await gql(
        `query ($size: Int) { ...F ... on Query { c: blogPosts(pageSize: $size) { data { slug } } } }
         fragment F on Query { a: blogPosts(pageSize: $size) { data { slug } } ...G }
         fragment G on Query { b: blogPosts(pageSize: $size) { data { slug } } }`,
        { size: 100 }
      );
      refusedForCost(viaFragments, 3 * 101);
      // Two full pages and a post fit: 101 + 101 + 2.
      const fits = await gql(
        `{ a: blogPosts(pageSize: 100) { data { slug } } b: blogPosts(page: 2, pageSize: 100) { data { slug } }
           blogPost(slug: "${SEED_SLUG}") { title } }`
      );
      expect(fits.errors).toBeUndefined();
      expect(fits.data!.a.data.map((p: { slug: string }) => p.slug)).toContain(SEED_SLUG);
      expect(fits.data!.blogPost.title).toBe(readSeedText().title);
    });

    it('caps the bytes the plugin answers in one request', async () => {
      // The cap: one seed post (as the service answers it, as REST's data) and a half.
      const rest = await app.http().get(`/api/blog/posts/${SEED_SLUG}`).expect(200);
      const cap = Math.floor(Buffer.byteLength(JSON.stringify(rest.body.data)) * 1.5);
      const key = 'plugin::blog.limits.graphql.maxAnswerBytes';
      const before = app.strapi.config.get(key);
      app.strapi.config.set(key, cap);
      try {
        const one = await gql(`{ blogPost(slug: "${SEED_SLUG}") { title } }`);
        expect(one.errors).toBeUndefined();
        const res = await gql(
          `{ a: blogPost(slug: "${SEED_SLUG}") { title } b: blogPost(slug: "${SEED_SLUG}") { title } }`
        );
        // The two fields resolve side by side: whichever is answered first fits, the other is
        // over the cap (on PostgreSQL either may come first).
        const answered = [res.data!.a, res.data!.b];
        expect(answered.filter((post) => post === null)).toHaveLength(1);
        expect(answered.find((post) => post !== null).title).toBe(readSeedText().title);
        expect(res.errors).toHaveLength(1);
        expect(res.errors![0].extensions).toMatchObject({
          error: { name: 'ValidationError', details: { limit: 'maxAnswerBytes', max: cap } },
        });
      } finally {
        app.strapi.config.set(key, before);
      }
    });
  });

  describe('the edit window and reports, as REST', () => {
    const submitted = async (post: { slug: string }, content: string) => {
      const { data, errors } = await gql(
        `mutation ($slug: String!, $data: BlogCommentInput!) {
          createBlogComment(slug: $slug, data: $data) { documentId status editToken editableUntil }
        }`,
        {
          slug: post.slug,
          data: { authorName: 'Gail', authorEmail: `gail${Date.now()}@example.com`, content },
        }
      );
      expect(errors).toBeUndefined();
      return data!.createBlogComment as { documentId: string; editToken: string };
    };

    it('edits within the window with the token, shows editedAt; refuses a bad token', async () => {
      await setSettings(app, { requireApproval: 'never', floodIntervalSeconds: 0 });
      const post = await createPost(app.strapi, { title: 'Edits in GraphQL' });
      const comment = await submitted(post, 'Frist!');
      expect(comment.editToken).toMatch(/\./);
      const edit = `mutation ($id: ID!, $content: String!, $token: String!) {
        updateBlogComment(documentId: $id, content: $content, token: $token) { documentId status editedAt }
      }`;
      const done = await gql(edit, {
        id: comment.documentId,
        content: 'First!',
        token: comment.editToken,
      });
      expect(done.errors).toBeUndefined();
      expect(done.data!.updateBlogComment).toEqual({
        documentId: comment.documentId,
        status: 'approved',
        editedAt: expect.any(String),
      });
      const thread = await gql(
        `{ blogComments(slug: "${post.slug}") { data { content editedAt } } }`
      );
      expect(thread.data!.blogComments.data).toEqual([
        { content: 'First!', editedAt: done.data!.updateBlogComment.editedAt },
      ]);
      const forged = await gql(edit, { id: comment.documentId, content: 'Mine now', token: 'a.b' });
      expect(forged.errors![0].extensions).toMatchObject({ error: { name: 'UnauthorizedError' } });
      const other = await submitted(post, 'Another one.');
      const crossed = await gql(edit, {
        id: comment.documentId,
        content: 'x',
        token: other.editToken,
      });
      expect(crossed.errors![0].extensions).toMatchObject({ error: { name: 'ForbiddenError' } });
    });

    it('reports an approved comment once per client', async () => {
      await setSettings(app, {
        requireApproval: 'never',
        floodIntervalSeconds: 0,
        reportsToHold: 3,
      });
      const post = await createPost(app.strapi, { title: 'Reports in GraphQL' });
      const target = await createComment(app.strapi, { post: post.documentId });
      const report = `mutation ($id: ID!) {
        reportBlogComment(documentId: $id, reason: personal_info, note: "My phone number") { documentId reported }
      }`;
      const ip = nextIp();
      const first = await gql(report, { id: target.documentId }, ip);
      expect(first.errors).toBeUndefined();
      expect(first.data!.reportBlogComment).toEqual({
        documentId: target.documentId,
        reported: true,
      });
      const rows = await app.strapi.db
        .query('plugin::blog.comment-report' as never)
        .findMany({ where: { commentDocumentId: target.documentId } });
      expect(rows).toEqual([
        expect.objectContaining({ reason: 'personal-info', note: 'My phone number' }),
      ]);
      const again = await gql(report, { id: target.documentId }, ip);
      expect(again.errors![0].extensions).toMatchObject({ error: { name: 'ConflictError' } });
      const missing = await gql(report, { id: 'no-such-comment' });
      expect(missing.errors![0].extensions).toMatchObject({ error: { name: 'NotFoundError' } });
    });
  });

  it('answers Forbidden when Public loses the action', async () => {
    const role = await app.strapi.db
      .query('plugin::users-permissions.role')
      .findOne({ where: { type: 'public' } });
    await app.strapi.db.query('plugin::users-permissions.permission').deleteMany({
      where: { role: role.id, action: 'plugin::blog.post.find' },
    });
    const res = await gql('{ blogPosts { data { slug } } }');
    expect(res.errors![0].message).toBe('Forbidden access');
    expect((await gql(`{ blogPost(slug: "${SEED_SLUG}") { slug } }`)).errors).toBeUndefined();
  });
});
