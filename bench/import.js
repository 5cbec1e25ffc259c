#!/usr/bin/env node
/**
 * `npm run bench:import`: imports a generated WordPress export of 5,000 posts and 50,000
 * threaded comments (`--quick`: 500 and 5,000) into the playground on a fresh SQLite database,
 * through the same importer as the command, and reports the time, the rate and the process's
 * memory: its resident size after boot and its peak during the import. The export is streamed,
 * so the peak should not follow the file's size.
 *
 * Then what bounds the rate: a tenth as many new posts with no comment at all, through the same
 * importer (`posts_only`), and the same posts written straight through Strapi's Document Service
 * (`document_service_posts`: create with five lessons, published). Ten comments a post at the
 * importer's posts-only rate is the most comments a second the import could reach if its comments
 * cost nothing. Writes bench/import-results.json (`--quick`: bench/import-results-quick.json, not
 * committed).
 */
'use strict';

const fs = require('fs');
const path = require('path');

const root = path.resolve(__dirname, '..');
const playground = path.join(root, 'playground');
const QUICK = process.argv.includes('--quick');
const POSTS = QUICK ? 500 : 5000;
const COMMENTS_PER_POST = 10;

const escapeCdata = (text) => text.replace(/]]>/g, ']]]]><![CDATA[>');

/**
 * Writes the export to `file`, post by post, without holding it in memory: posts `from` to
 * `from + posts - 1`, each with `commentsPerPost` comments.
 */
const writeExport = async (
  file,
  { from = 1, posts = POSTS, commentsPerPost = COMMENTS_PER_POST } = {}
) => {
  const out = fs.createWriteStream(file);
  const write = (text) =>
    out.write(text) ? Promise.resolve() : new Promise((resolve) => out.once('drain', resolve));
  await write(
    '<?xml version="1.0" encoding="UTF-8"?>\n<rss version="2.0" ' +
      'xmlns:excerpt="http://wordpress.org/export/1.2/excerpt/" ' +
      'xmlns:content="http://purl.org/rss/1.0/modules/content/" ' +
      'xmlns:dc="http://purl.org/dc/elements/1.1/" xmlns:wp="http://wordpress.org/export/1.2/">\n' +
      '<channel><title>Bench</title><wp:wxr_version>1.2</wp:wxr_version>\n'
  );
  let commentId = 0;
  for (let p = from; p < from + posts; p += 1) {
    const paragraphs = [1, 2, 3]
      .map(
        (n) =>
          `<p>Paragraph ${n} of post ${p}: networks grow like trees, slowly, with deep roots.</p>`
      )
      .join('\n');
    const lessons = `<p>Lessons of post ${p}:</p><ol>${[1, 2, 3, 4, 5]
      .map((n) => `<li>Lesson ${n} of post ${p}.</li>`)
      .join('')}</ol>`;
    const comments = [];
    const first = commentId + 1;
    for (let c = 0; c < commentsPerPost; c += 1) {
      commentId += 1;
      const parent = c > 0 && c % 3 === 0 ? commentId - 1 : 0;
      const status = c % 10 === 9 ? 'spam' : c % 10 === 8 ? '0' : '1';
      comments.push(
        `<wp:comment><wp:comment_id>${commentId}</wp:comment_id>` +
          `<wp:comment_author><![CDATA[Reader ${commentId % 997}]]></wp:comment_author>` +
          `<wp:comment_author_email>reader${commentId % 997}@example.com</wp:comment_author_email>` +
          `<wp:comment_date_gmt>2015-01-01 00:${String(c).padStart(2, '0')}:00</wp:comment_date_gmt>` +
          `<wp:comment_content><![CDATA[${escapeCdata(`Comment ${commentId} on post ${p} (thread from ${first}).`)}]]></wp:comment_content>` +
          `<wp:comment_approved>${status}</wp:comment_approved>` +
          `<wp:comment_parent>${parent}</wp:comment_parent></wp:comment>`
      );
    }
    await write(
      `<item><title>Bench post ${p}</title><dc:creator>bench</dc:creator>` +
        `<content:encoded><![CDATA[${escapeCdata(`${paragraphs}\n${lessons}`)}]]></content:encoded>` +
        `<wp:post_id>${p}</wp:post_id><wp:post_date_gmt>2015-01-01 00:00:00</wp:post_date_gmt>` +
        `<wp:post_name>bench-post-${p}</wp:post_name><wp:status>publish</wp:status>` +
        `<wp:post_type>post</wp:post_type>${comments.join('')}</item>\n`
    );
  }
  await write('</channel></rss>\n');
  await new Promise((resolve) => out.end(resolve));
};

const rssMb = () => Math.round(process.memoryUsage().rss / 2 ** 20);

/** The live heap: what a full collection leaves (the script runs with --expose-gc). */
const heapAfterGcMb = () => {
  global.gc?.();
  return Math.round(process.memoryUsage().heapUsed / 2 ** 20);
};

const main = async () => {
  const tmp = path.join(playground, '.tmp');
  fs.mkdirSync(tmp, { recursive: true });
  const file = path.join(tmp, 'import-bench.xml');
  const db = path.join(tmp, 'import-bench.db');
  fs.rmSync(db, { force: true });
  process.stdout.write(
    `Writing an export of ${POSTS} posts, ${POSTS * COMMENTS_PER_POST} comments…\n`
  );
  await writeExport(file);
  const fileMb = Math.round(fs.statSync(file).size / 2 ** 20);

  Object.assign(process.env, {
    DATABASE_CLIENT: 'sqlite',
    DATABASE_FILENAME: db,
    PLAYGROUND_SEED: 'false',
    STRAPI_LOG_LEVEL: 'error',
    NODE_ENV: 'production',
  });
  const { createStrapi, compileStrapi } = require('@strapi/strapi');
  const context = await compileStrapi({ appDir: playground });
  const strapi = createStrapi({ ...context, autoReload: false, serveAdminPanel: false });
  await strapi.load();
  const bootMb = rssMb();
  const heapAtBootMb = heapAfterGcMb();
  /** [posts imported, live heap MB, RSS MB], every tenth of the run. */
  const heapSamples = [[0, heapAtBootMb, bootMb]];
  const every = POSTS / 10;
  let peakMb = bootMb;
  const sampler = setInterval(() => {
    peakMb = Math.max(peakMb, rssMb());
  }, 100);

  const started = Date.now();
  const report = await strapi
    .plugin('blog')
    .service('importer')
    .run(() => fs.createReadStream(file), {
      format: 'wxr',
      onProgress: ({ posts }) => {
        if (posts % every !== 0 || heapSamples.some(([at]) => at === posts)) return;
        heapSamples.push([posts, heapAfterGcMb(), rssMb()]);
        process.stdout.write(`  ${posts} posts, live heap ${heapSamples.at(-1)[1]} MB…\n`);
      },
    });
  const seconds = (Date.now() - started) / 1000;
  clearInterval(sampler);
  const heapAtEndMb = heapAfterGcMb();

  // What bounds the rate: posts alone, through the importer, then through the Document Service.
  const floorPosts = POSTS / 10;
  process.stdout.write(`Importing ${floorPosts} more posts without comments…\n`);
  await writeExport(file, { from: POSTS + 1, posts: floorPosts, commentsPerPost: 0 });
  let floorStarted = Date.now();
  const postsOnly = await strapi
    .plugin('blog')
    .service('importer')
    .run(() => fs.createReadStream(file), { format: 'wxr' });
  const postsOnlySeconds = (Date.now() - floorStarted) / 1000;
  process.stdout.write(`Writing ${floorPosts} posts through the Document Service…\n`);
  floorStarted = Date.now();
  for (let p = 0; p < floorPosts; p += 1) {
    await strapi.documents('plugin::blog.post').create({
      data: {
        title: `Document Service post ${p}`,
        slug: `document-service-post-${p}`,
        body: [1, 2, 3].map((n) => ({
          type: 'paragraph',
          children: [{ type: 'text', text: `Paragraph ${n}: networks grow like trees.` }],
        })),
        lessonsHeading: 'Lessons',
        lessons: [1, 2, 3, 4, 5].map((n) => ({ text: `Lesson ${n} of post ${p}.` })),
        commentsEnabled: true,
      },
      status: 'published',
    });
  }
  const documentSeconds = (Date.now() - floorStarted) / 1000;
  await strapi.destroy();

  const comments = report.comments.created + report.comments.updated;
  const results = {
    date: new Date().toISOString().slice(0, 10),
    posts: report.posts.created,
    comments,
    file_mb: fileMb,
    seconds: Math.round(seconds * 10) / 10,
    posts_per_second: Math.round((report.posts.created / seconds) * 10) / 10,
    comments_per_second: Math.round((comments / seconds) * 10) / 10,
    rss_after_boot_mb: bootMb,
    peak_rss_mb: peakMb,
    heap_after_gc_at_boot_mb: heapAtBootMb,
    heap_after_gc_at_end_mb: heapAtEndMb,
    heap_after_gc_samples: heapSamples.map(([posts, heap, rss]) => ({
      posts,
      heap_mb: heap,
      rss_mb: rss,
    })),
    skipped: report.posts.skipped.length + report.comments.skipped.length,
    posts_only: {
      posts: postsOnly.posts.created,
      posts_per_second: Math.round((postsOnly.posts.created / postsOnlySeconds) * 10) / 10,
      comments_per_second_bound:
        Math.round((postsOnly.posts.created / postsOnlySeconds) * COMMENTS_PER_POST * 10) / 10,
    },
    document_service_posts: {
      posts: floorPosts,
      posts_per_second: Math.round((floorPosts / documentSeconds) * 10) / 10,
    },
  };
  const out = path.join(__dirname, QUICK ? 'import-results-quick.json' : 'import-results.json');
  fs.writeFileSync(out, `${JSON.stringify(results, null, 2)}\n`);
  process.stdout.write(`${JSON.stringify(results, null, 2)}\nWrote ${path.relative(root, out)}\n`);
  fs.rmSync(db, { force: true });
  fs.rmSync(file, { force: true });
  process.exit(0);
};

main().catch((error) => {
  process.stderr.write(`${error.stack ?? error}\n`);
  process.exit(1);
});
