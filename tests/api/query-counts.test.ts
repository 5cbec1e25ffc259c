import { POST_UID } from '../../contracts/plugin';
import { adminToken } from '../helpers/admin';
import { nextIp, setSettings, submit, validComment } from '../helpers/comments-api';
import {
  createAuthor,
  createCategory,
  createComment,
  createPost,
  createTag,
  ensureLocale,
  translatePost,
} from '../helpers/factories';
import { uploadImage } from '../helpers/media';
import { countStatements } from '../helpers/sql-count';
import { isMysql, startApp, type TestApp } from '../helpers/strapi';

/**
 * Cost per request does not grow with the data: each route costs the same number of SQL
 * statements on a post with 10 comments as on one with 1,000 (threaded), and exactly the number
 * the README's "Development" section states.
 */
describe('SQL statements per request', () => {
  let app: TestApp;
  let small: { documentId: string; slug: string };
  let large: { documentId: string; slug: string };
  let auth: { Authorization: string };

  const fill = async (post: { documentId: string }, count: number) => {
    let parent: string | undefined;
    for (let i = 0; i < count; i += 1) {
      // Every fifth comment starts a thread; the others reply one level deeper, up to 4.
      const reply = i % 5 !== 0 ? parent : undefined;
      const created = await createComment(app.strapi, {
        post: post.documentId,
        parent: reply,
        status: i % 7 === 0 ? 'pending' : 'approved',
      });
      parent = i % 5 === 4 ? undefined : created.documentId;
    }
  };

  beforeAll(async () => {
    app = await startApp();
    auth = { Authorization: `Bearer ${await adminToken(app)}` };
    small = await createPost(app.strapi, { title: 'Small thread', lessons: ['a', 'b', 'c'] });
    large = await createPost(app.strapi, { title: 'Large thread', lessons: ['a', 'b', 'c'] });
    await fill(small, 10);
    await fill(large, 1000);
    await setSettings(app, { requireApproval: 'first-time', floodIntervalSeconds: 15 });
  }, 300000);
  afterAll(async () => {
    await app?.stop();
  });

  const expectSameAndExactly = (a: number, b: number, stated: number) => {
    if (process.env.SHOW_SQL_COUNTS) process.stdout.write(`statements: ${a} vs ${b}\n`);
    expect(a).toBe(b);
    expect(a).toBe(stated);
  };

  it('a post by slug', async () => {
    const [a, b] = [
      await countStatements(app, () => app.http().get(`/api/blog/posts/${small.slug}`).expect(200)),
      await countStatements(app, () => app.http().get(`/api/blog/posts/${large.slug}`).expect(200)),
    ];
    // The public cache's versions (docs/caching.md; each count starts with the cache emptied:
    // what the first read after a write costs), the permission check, the default locale, the
    // post, its cover, author with avatar and SEO with image in one statement, its categories
    // (with their parents) and tags in one, its lessons, comment count and other languages in
    // one. Answered from the cache: the versions alone (tests/api/public-cache.test.ts).
    expectSameAndExactly(a, b, 7);
  });

  it('a page of the public thread', async () => {
    const page = '?pagination[pageSize]=10';
    const [a, b] = [
      await countStatements(app, () =>
        app.http().get(`/api/blog/posts/${small.slug}/comments${page}`).expect(200)
      ),
      await countStatements(app, () =>
        app.http().get(`/api/blog/posts/${large.slug}/comments${page}`).expect(200)
      ),
    ];
    // The cache's versions, the permission check, the default locale, the post with its number
    // of approved roots, the page of roots, and every approved reply under them (the thread
    // copies).
    expectSameAndExactly(a, b, 6);
  });

  it('a post’s comments feed', async () => {
    const [a, b] = [
      await countStatements(app, () =>
        app.http().get(`/api/blog/posts/${small.slug}/comments/feed.xml`).expect(200)
      ),
      await countStatements(app, () =>
        app.http().get(`/api/blog/posts/${large.slug}/comments/feed.xml`).expect(200)
      ),
    ];
    // The cache's versions, the permission check, the default locale, the post, the comments,
    // one step up the threads per reply level (4: these threads are 5 deep), the last event.
    expectSameAndExactly(a, b, 10);
  });

  it('the posts feed', async () => {
    const a = await countStatements(app, () => app.http().get('/api/blog/feed.xml').expect(200));
    await createPost(app.strapi, { title: 'One more post' });
    const b = await countStatements(app, () => app.http().get('/api/blog/feed.xml').expect(200));
    // The cache's versions, the permission check, the feed's settings with the default locale
    // (one statement), the posts, their covers, authors with avatars and SEO with images (one
    // statement), the categories with their parents and the tags (one statement), the lessons,
    // comment counts and other languages (one statement).
    expectSameAndExactly(a, b, 7);
  });

  it('a page of the moderation queue', async () => {
    const [a, b] = [
      await countStatements(app, () =>
        app.http().get(`/blog/comments?post=${small.documentId}&pageSize=10`).set(auth).expect(200)
      ),
      await countStatements(app, () =>
        app.http().get(`/blog/comments?post=${large.documentId}&pageSize=10`).set(auth).expect(200)
      ),
    ];
    // 12 since the trash: one count per status is five counts (trash included).
    expectSameAndExactly(a, b, 12);
  });

  it('the pending count on the menu’s Blog link', async () => {
    const count = () =>
      countStatements(app, () =>
        app.http().get('/blog/comments/pending-count').set(auth).expect(200)
      );
    const a = await count();
    for (let i = 0; i < 50; i += 1) {
      await createComment(app.strapi, { post: large.documentId, status: 'pending' });
    }
    const b = await count();
    // The admin's session, user, roles and permissions, then one count over the
    // (status, submitted_at) index, however many comments wait.
    expectSameAndExactly(a, b, 5);
  });

  it('a draft read with its preview token', async () => {
    const read = async (post: { documentId: string }) => {
      const link = await app
        .http()
        .get(`/content-manager/preview/url/${POST_UID}`)
        .query({ documentId: post.documentId, locale: 'en', status: 'draft' })
        .set(auth)
        .expect(200);
      const token = new URL(link.body.data.url).searchParams.get('preview')!;
      return countStatements(app, () =>
        app
          .http()
          .get(`/api/blog/preview/posts/${post.documentId}`)
          .query({ locale: 'en', token })
          .expect(200)
      );
    };
    // The permission check, the draft, then what a public post costs without its default-locale
    // lookup: cover, author and SEO with their images in one statement, the categories and tags
    // in one, then lessons, comment count and other languages in one.
    expectSameAndExactly(await read(small), await read(large), 5);
  });

  it('a submission, root or reply', async () => {
    // Every submission approved: the dearest path (it also moves the post's comment count).
    await setSettings(app, { requireApproval: 'never' });
    const [a, b] = [
      await countStatements(app, () =>
        submit(app, small.slug, { data: validComment() }).then((res) =>
          expect(res.status).toBe(201)
        )
      ),
      await countStatements(app, () =>
        submit(app, large.slug, { data: validComment() }).then((res) =>
          expect(res.status).toBe(201)
        )
      ),
    ];
    // Before the write: the permission check, the settings with the default locale (one
    // statement), the post by slug with its state, its rows and the duplicate check (one); then
    // the transaction: the flood marks of the IP and the email (one upsert; before the
    // transaction on MySQL and MariaDB), the row and its post links (written straight, db/comment-insert.ts: the links' order in the same INSERT),
    // the public cache's new versions, the post's count, the log entry, the mail outbox's
    // event. Strapi's entry.create event is sent with the row as written (no read-back). MySQL
    // and MariaDB have no `INSERT … RETURNING`: the flood marks are an UPDATE per key, and for
    // a new key an INSERT after it (server/src/db/dialect.ts): four statements for the one; the
    // new row's id is read back by its documentId: one more; and the post links' order is read
    // before their INSERT (InnoDB's INSERT … SELECT would lock the links it reads and deadlock
    // two submissions on one post): one more, two more for a reply (its parent's too).
    const floodKeys = 2;
    const mysqlExtra = isMysql() ? floodKeys * 2 - 1 + 1 + 1 : 0;
    expectSameAndExactly(a, b, 12 + mysqlExtra);

    // Asking for mail adds the address's subscriptions on the post, their insert and the
    // confirmation's outbox row; nothing is sent during the request.
    const notify = { replies: true, newComments: true, published: true };
    const [e, f] = [
      await countStatements(app, () =>
        submit(app, small.slug, { data: { ...validComment(), notify } }).then((res) =>
          expect(res.status).toBe(201)
        )
      ),
      await countStatements(app, () =>
        submit(app, large.slug, { data: { ...validComment(), notify } }).then((res) =>
          expect(res.status).toBe(201)
        )
      ),
    ];
    expectSameAndExactly(e, f, 15 + mysqlExtra);

    // Under first-time approval, a new author's comment is held: no count to move and no mail
    // outbox event in this app (the approved ones above have one); the public cache's versions
    // still move with the log entry (a moderation event is a `comments` write,
    // cache/model-tags.ts); whether the author has an approved comment is one more statement
    // (the duplicate check is read with the post).
    // (The factory's comments are approved under `Reader n` names: these authors are new.)
    await setSettings(app, { requireApproval: 'first-time' });
    let newAuthors = 0;
    const newAuthor = () => {
      newAuthors += 1;
      return {
        authorName: `New author ${newAuthors}`,
        authorEmail: `new${newAuthors}@example.org`,
      };
    };
    const [g, h] = [
      await countStatements(app, () =>
        submit(app, small.slug, { data: validComment(newAuthor()) }).then((res) =>
          expect(res.body.data.status).toBe('pending')
        )
      ),
      await countStatements(app, () =>
        submit(app, large.slug, { data: validComment(newAuthor()) }).then((res) =>
          expect(res.body.data.status).toBe('pending')
        )
      ),
    ];
    expectSameAndExactly(g, h, 11 + mysqlExtra);
    await setSettings(app, { requireApproval: 'never' });

    const deepParent = (
      await app.http().get(`/api/blog/posts/${large.slug}/comments?pagination[pageSize]=1`)
    ).body.data[0].replies[0].documentId;
    const shallowParent = (
      await app.http().get(`/api/blog/posts/${small.slug}/comments?pagination[pageSize]=1`)
    ).body.data[0].documentId;
    const [c, d] = [
      await countStatements(app, () =>
        submit(app, small.slug, { data: validComment({ parent: shallowParent }) }).then((res) =>
          expect(res.status).toBe(201)
        )
      ),
      await countStatements(app, () =>
        submit(app, large.slug, { data: validComment({ parent: deepParent }) }).then((res) =>
          expect(res.status).toBe(201)
        )
      ),
    ];
    // A reply adds its parent (one statement, whatever its depth) and its parent link (one
    // INSERT … SELECT, its order in it).
    expectSameAndExactly(c, d, 14 + mysqlExtra + (isMysql() ? 1 : 0));
  });

  it('an author’s edit in the edit window', async () => {
    await setSettings(app, { requireApproval: 'never' });
    const written = async (post: { slug: string }) => {
      const res = await submit(app, post.slug, { data: validComment() });
      expect(res.status).toBe(201);
      return res.body.data as { documentId: string; editToken: string };
    };
    const [onSmall, onLarge] = [await written(small), await written(large)];
    let edits = 0;
    const edit = (comment: { documentId: string; editToken: string }) =>
      app
        .http()
        .patch(`/api/blog/comments/${comment.documentId}`)
        .set('X-Forwarded-For', nextIp())
        .send({ data: { content: `Edited, time ${(edits += 1)}.` }, token: comment.editToken })
        .then((res) => expect(res.status).toBe(200));
    const [a, b] = [
      await countStatements(app, () => edit(onSmall)),
      await countStatements(app, () => edit(onLarge)),
    ];
    // The permission check, the settings, the comment, whether it has a reply, the flood mark;
    // then the middleware's reads (the comment and its post, the fields it is judged with; with
    // first-time approval, one more: the author's approved comment), the transaction (the row,
    // the log entry (one INSERT), its mail outbox event, the public cache's new versions) and
    // what Strapi reads back for its events.
    expectSameAndExactly(a, b, 21 + (isMysql() ? 1 : 0));
  });

  it('a report, below and at reportsToHold', async () => {
    await setSettings(app, { requireApproval: 'never', reportsToHold: 1000 });
    // Written first: Strapi's own work after each write is long done when counting starts.
    const [onSmall, onLarge, heldSmall, heldLarge] = [
      await createComment(app.strapi, { post: small.documentId }),
      await createComment(app.strapi, { post: large.documentId }),
      await createComment(app.strapi, { post: small.documentId }),
      await createComment(app.strapi, { post: large.documentId }),
    ];
    const report = (documentId: string) =>
      app
        .http()
        .post(`/api/blog/comments/${documentId}/reports`)
        .set('X-Forwarded-For', nextIp())
        .send({ data: { reason: 'spam', note: 'Selling things.' } })
        .then((res) => expect(res.status).toBe(201));
    const [a, b] = [
      await countStatements(app, () => report(onSmall.documentId)),
      await countStatements(app, () => report(onLarge.documentId)),
    ];
    // The permission check, the comment, its post, the settings, the flood mark, the report
    // (insert-or-nothing), the count of its reports.
    const mysqlExtra = isMysql() ? 1 : 0;
    expectSameAndExactly(a, b, 7 + mysqlExtra);

    // The report that holds: the same, then a transaction: the comment's row locked, its
    // reports counted again, and the status change through the middleware (the comment, its
    // post, the row, the post's count, the log entry (one INSERT), the public cache's new
    // versions), with what Strapi reads back for its events. Once per comment (each report after
    // it finds the comment held).
    await setSettings(app, { reportsToHold: 1 });
    const [c, d] = [
      await countStatements(app, () => report(heldSmall.documentId), { runs: 1 }),
      await countStatements(app, () => report(heldLarge.documentId), { runs: 1 }),
    ];
    expectSameAndExactly(c, d, 24 + mysqlExtra);
  });
});

/**
 * A post with its cover, author, categories, tags and SEO costs a fixed number of statements
 * whatever the number of posts, tags or locales: every route is counted in a small world (a post
 * with one tag in one locale, three posts, two tags, two categories), then again once the world
 * has grown (a post with 40 tags and 3 categories in 3 locales, 60 posts, over a hundred tags,
 * an author of 60 posts).
 */
describe('SQL statements per request on posts, categories, tags and authors', () => {
  let app: TestApp;
  type Counts = Record<string, number>;
  const small: Counts = {};
  const large: Counts = {};

  /** What a world offers the routes: its post, its French post, a tag of each and its author. */
  interface World {
    post: string;
    frPost: string;
    tag: string;
    frTag: string;
    author: string;
  }

  const routes = (world: World): Record<string, string> => ({
    'post by slug': `/api/blog/posts/${world.post}`,
    'post by slug, fr': `/api/blog/posts/${world.frPost}?locale=fr`,
    list: '/api/blog/posts?pagination[pageSize]=25',
    'list, fr': '/api/blog/posts?pagination[pageSize]=25&locale=fr',
    'list by tag': `/api/blog/posts?filters[tags][slug][$eq]=${world.tag}`,
    'list by tag, fr': `/api/blog/posts?filters[tags][slug][$eq]=${world.frTag}&locale=fr`,
    categories: '/api/blog/categories',
    'categories, fr': '/api/blog/categories?locale=fr',
    tags: '/api/blog/tags',
    'tags, fr': '/api/blog/tags?locale=fr',
    author: `/api/blog/authors/${world.author}`,
    feed: '/api/blog/feed.xml',
    'author, fr': `/api/blog/authors/${world.author}?locale=fr`,
  });

  const measure = async (world: World, into: Counts) => {
    for (const [name, path] of Object.entries(routes(world))) {
      into[name] = await countStatements(app, () => app.http().get(path).expect(200));
    }
  };

  const range = (n: number) => Array.from({ length: n }, (_, i) => i);

  beforeAll(async () => {
    app = await startApp();
    const { strapi } = app;
    await ensureLocale(strapi, 'fr', 'French (fr)');
    await ensureLocale(strapi, 'de', 'German (de)');
    const cover = await uploadImage(strapi);
    const ogImage = await uploadImage(strapi, { name: 'og.png', width: 120, height: 63 });
    const avatar = await uploadImage(strapi, { name: 'avatar.png', width: 32, height: 32 });
    const author = await createAuthor(strapi, { name: 'Counted Author', avatar: avatar.id });
    const seo = { metaTitle: 'Counted', metaDescription: 'A counted post', ogImage: ogImage.id };

    // The small world: a post with one tag and one category in one locale, a French post with
    // the same relations (a relation no row of a page has costs no statement).
    const parent = await createCategory(strapi, { name: 'Parent' });
    const category = await createCategory(strapi, { name: 'Child', parent: parent.documentId });
    const tag = await createTag(strapi, { name: 'Only tag' });
    const frTag = await createTag(strapi, { name: 'Seule étiquette', locale: 'fr' });
    const frCategory = await createCategory(strapi, { name: 'Catégorie', locale: 'fr' });
    const post = await createPost(strapi, {
      title: 'Small world',
      lessons: ['a', 'b'],
      author: author.documentId,
      categories: [category.documentId],
      tags: [tag.documentId],
      cover: cover.id,
      seo,
    });
    const frPost = await createPost(strapi, {
      title: 'Petit monde',
      locale: 'fr',
      lessons: ['un'],
      author: author.documentId,
      categories: [frCategory.documentId],
      tags: [frTag.documentId],
      cover: cover.id,
      seo,
    });
    await measure(
      {
        post: post.slug,
        frPost: frPost.slug,
        tag: tag.slug,
        frTag: frTag.slug,
        author: author.slug,
      },
      small
    );

    // The large world: 40 tags and 3 categories on a post in 3 locales, 60 posts in all, a
    // tag and an author on every one of them, more categories and tags than a page.
    const tagsIn = async (locale: string, count: number) =>
      Promise.all(
        range(count).map((i) => createTag(strapi, { name: `Tag ${locale} ${i}`, locale }))
      );
    const categoriesIn = async (locale: string, count: number) =>
      Promise.all(
        range(count).map((i) =>
          createCategory(strapi, {
            name: `Category ${locale} ${i}`,
            locale,
            ...(locale === 'en' ? { parent: parent.documentId } : {}),
          })
        )
      );
    const manyTags = {
      en: await tagsIn('en', 40),
      fr: await tagsIn('fr', 40),
      de: await tagsIn('de', 40),
    };
    const manyCategories = {
      en: await categoriesIn('en', 30),
      fr: await categoriesIn('fr', 30),
      de: await categoriesIn('de', 3),
    };
    const ids = (rows: Array<{ documentId: string }>) => rows.map((row) => row.documentId);
    const big = await createPost(strapi, {
      title: 'Large world',
      lessons: ['a', 'b', 'c', 'd', 'e'],
      author: author.documentId,
      categories: ids(manyCategories.en.slice(0, 3)),
      tags: ids(manyTags.en),
      cover: cover.id,
      seo,
    });
    const frSlug = `grand-monde-${Date.now()}`;
    for (const locale of ['fr', 'de'] as const) {
      await translatePost(strapi, big.documentId, locale, {
        title: `Large world ${locale}`,
        slug: locale === 'fr' ? frSlug : `grosse-welt-${Date.now()}`,
        lessons: ['1', '2', '3', '4', '5'],
        author: author.documentId,
        categories: ids(manyCategories[locale].slice(0, 3)),
        tags: ids(manyTags[locale]),
        seo,
      });
    }
    for (const i of range(57)) {
      const more = await createPost(strapi, {
        title: `Filler ${i}`,
        lessons: ['x', 'y', 'z'],
        author: author.documentId,
        categories: ids(manyCategories.en.slice(i % 30, (i % 30) + 2)),
        tags: ids([manyTags.en[0], manyTags.en[1 + (i % 39)]]),
        cover: cover.id,
        seo,
      });
      if (i % 2 === 0) {
        await translatePost(strapi, more.documentId, 'fr', {
          title: `Remplissage ${i}`,
          slug: `remplissage-${i}-${Date.now()}`,
          author: author.documentId,
          seo,
          categories: ids([manyCategories.fr[i % 30]]),
          tags: ids([manyTags.fr[0], manyTags.fr[1 + (i % 39)]]),
        });
      }
    }
    await measure(
      {
        post: big.slug,
        frPost: frSlug,
        tag: manyTags.en[0].slug,
        frTag: manyTags.fr[0].slug,
        author: author.slug,
      },
      large
    );
  }, 600000);
  afterAll(async () => {
    await app?.stop();
  });

  const expectSameAndExactly = (route: string, stated: number) => {
    if (process.env.SHOW_SQL_COUNTS) {
      process.stdout.write(`${route}: ${small[route]} vs ${large[route]}\n`);
    }
    expect({ route, statements: large[route] }).toEqual({ route, statements: small[route] });
    expect({ route, statements: small[route] }).toEqual({ route, statements: stated });
  };

  // Each starts with the public cache's versions (counted as built: the first read after a
  // write). A post: the permission check, the locale, the post, then for the whole page its
  // cover, author with avatar and SEO with image in one statement (db/post-relations.ts), the
  // categories with their parents and the tags in one (db/post-taxonomy.ts), and its lessons,
  // comment counts and other languages in one (db/post-extras.ts). A list adds its total.
  const POST = 7;
  const LIST = 8;
  // A list of categories: the permission check, the locale, the page, its total, the parents,
  // the published posts counted in one grouped statement. Tags have no parent.
  const CATEGORIES = 7;
  const TAGS = 6;
  // An author: the permission check, the locale, the author, the avatar, the count of posts.
  const AUTHOR = 6;
  // The posts feed: a post's statements (no total), its locale read with the feed's settings.
  const FEED = 7;

  it.each([
    ['post by slug', POST],
    ['post by slug, fr', POST],
    ['list', LIST],
    ['list, fr', LIST],
    ['list by tag', LIST],
    ['list by tag, fr', LIST],
    ['categories', CATEGORIES],
    ['categories, fr', CATEGORIES],
    ['tags', TAGS],
    ['tags, fr', TAGS],
    ['author', AUTHOR],
    ['author, fr', AUTHOR],
    ['feed', FEED],
  ])('%s costs the same statements in a small and a large world', (route, stated) => {
    expectSameAndExactly(route, stated);
  });
});
