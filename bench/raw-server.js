'use strict';
/**
 * The raw floor of `npm run bench`: a bare `node:http` server on the bench's SQLite file with
 * `better-sqlite3`, no framework at all. It is the machine's limit for the same questions.
 *
 * - A read answers with the very statements the plugin ran for that URL (captured by
 *   bench/server.js, same SQL, same bindings), as JSON.
 * - `POST …/comments` does by hand the least a comment submission needs: find the published
 *   post, pass the same flood check as the plugin (its own key functions: the client's address
 *   from the rightmost `X-Forwarded-For` entry, one mark for its network and one for the email's
 *   mailbox, each a keyed hash, at the plugin's interval), insert the comment, its two post links
 *   and its moderation event, in one transaction.
 *
 * The parent sends `{ type: 'routes', routes, tables, flood }` (`flood`: the plugin's config and
 * the app's keys, which make its secret, and the flood interval) and gets `{ type: 'ready', port }`.
 */
require('./register-ts');
const { randomBytes } = require('crypto');
const http = require('http');

const Database = require('better-sqlite3');

const { emailKey } = require('../server/src/moderation/email-key.ts');
const { clientIp, ipNetworkKey } = require('../server/src/utils/client-ip.ts');
const { getSecret, keyedHash } = require('../server/src/utils/secret.ts');

const db = new Database(process.env.BENCH_DB);
db.pragma('foreign_keys = on'); // as Strapi's SQLite connection sets it

let reads = new Map();
let submit = null;

const prepareReads = (routes) =>
  new Map(
    Object.entries(routes).map(([url, statements]) => [
      url,
      statements.map(({ sql, bindings }) => ({ statement: db.prepare(sql), bindings })),
    ])
  );

/** The flood keys of a submission, as the plugin's judge builds them. */
const floodKeysOf = (hash, ip, email) => {
  const network = ip ? ipNetworkKey(ip) : null;
  return [
    ...(network ? [`ip:${hash(`ipnet:${network}`)}`] : []),
    ...(email ? [`email:${hash(`email:${emailKey(email)}`)}`] : []),
  ];
};

const prepareSubmit = (t, { config, intervalSeconds }) => {
  // The plugin's secret, from the same function and the same configuration.
  const secret = getSecret({ config: { get: (key) => config[key] } });
  const hash = (value) => keyedHash(secret, value);
  const findPost = db.prepare(
    `SELECT "document_id", "comments_enabled" FROM "${t.posts}" WHERE "slug" = ? AND "published_at" IS NOT NULL LIMIT 1`
  );
  const postRows = db.prepare(`SELECT "id" FROM "${t.posts}" WHERE "document_id" = ?`);
  const flood = db.prepare(
    `INSERT INTO "${t.flood}" ("key", "until") VALUES (?, ?) ON CONFLICT ("key") DO UPDATE SET "until" = excluded."until" WHERE "${t.flood}"."until" <= ? RETURNING "key"`
  );
  const insertComment = db.prepare(
    `INSERT INTO "${t.comments}" ("document_id", "author_name", "author_email", "content", "status", "ip_hash", "user_agent", "submitted_at", "created_at", "updated_at", "published_at", "post_document_id") VALUES (?, ?, ?, ?, 'pending', ?, ?, ?, ?, ?, ?, ?)`
  );
  const insertLink = db.prepare(
    `INSERT INTO "${t.postLink.table}" ("${t.postLink.comment}", "${t.postLink.post}") VALUES (?, ?)`
  );
  const insertEvent = db.prepare(
    `INSERT INTO "${t.events}" ("document_id", "comment_document_id", "post_document_id", "to_status", "actor_type", "rule", "reason", "created_at", "updated_at", "published_at") VALUES (?, ?, ?, 'pending', 'system', 'first-time', 'first-time: first comment', ?, ?, ?)`
  );
  return db.transaction((slug, data, ip, userAgent) => {
    const post = findPost.get(slug);
    if (!post) return { status: 404, body: { error: { status: 404, message: 'Post not found' } } };
    const now = Date.now();
    if (intervalSeconds > 0) {
      for (const key of floodKeysOf(hash, ip, data.authorEmail)) {
        if (!flood.get(key, now + intervalSeconds * 1000, now)) {
          return { status: 429, body: { error: { status: 429, message: 'Too many comments' } } };
        }
      }
    }
    const ipHash = ip ? hash(`ip:${ip}`) : null;
    const documentId = randomBytes(12).toString('hex');
    const { lastInsertRowid } = insertComment.run(
      documentId,
      data.authorName,
      data.authorEmail,
      data.content,
      ipHash,
      userAgent,
      now,
      now,
      now,
      now,
      post.document_id
    );
    for (const row of postRows.all(post.document_id)) insertLink.run(lastInsertRowid, row.id);
    insertEvent.run(randomBytes(12).toString('hex'), documentId, post.document_id, now, now, now);
    return { status: 201, body: { data: { documentId, status: 'pending' } } };
  });
};

const send = (res, status, body) => {
  const text = JSON.stringify(body);
  res.writeHead(status, {
    'content-type': 'application/json; charset=utf-8',
    'content-length': Buffer.byteLength(text),
  });
  res.end(text);
};

const server = http.createServer((req, res) => {
  if (req.method === 'GET') {
    const statements = reads.get(req.url);
    if (!statements) return send(res, 404, { error: { status: 404, message: 'Not Found' } });
    // The statements run one after the other, as the plugin's do for one request.
    const results = statements.map(({ statement, bindings }) =>
      statement.reader ? statement.all(bindings) : statement.run(bindings)
    );
    return send(res, 200, { data: results });
  }
  const match = /^\/api\/blog\/posts\/([^/]+)\/comments$/.exec(req.url);
  if (req.method !== 'POST' || !match) return send(res, 404, { error: { status: 404 } });
  const chunks = [];
  req.on('data', (chunk) => chunks.push(chunk));
  req.on('end', () => {
    let body;
    try {
      body = JSON.parse(Buffer.concat(chunks).toString('utf8'));
    } catch {
      return send(res, 400, { error: { status: 400, message: 'Invalid JSON' } });
    }
    // The address as the plugin reads it behind a trusted proxy (the bench's Strapi has
    // `IS_PROXIED`): the rightmost `X-Forwarded-For` entry, else the socket's.
    const forwarded = req.headers['x-forwarded-for'];
    const ip = clientIp({
      proxy: true,
      maxIpsCount: 0,
      ips: forwarded ? forwarded.split(',').map((entry) => entry.trim()) : [],
      ip: '',
      remoteAddress: req.socket.remoteAddress,
    });
    // BEGIN IMMEDIATE: the plugin's Strapi writes to the same file meanwhile (its mail cron), and
    // a deferred transaction that read first cannot wait for the write lock (SQLITE_BUSY at once).
    const result = submit.immediate(
      decodeURIComponent(match[1]),
      body.data,
      ip,
      req.headers['user-agent'] ?? ''
    );
    return send(res, result.status, result.body);
  });
  return undefined;
});

process.on('message', (message) => {
  if (message.type === 'routes') {
    reads = prepareReads(message.routes);
    submit = prepareSubmit(message.tables, message.flood);
    server.listen(0, '127.0.0.1', () =>
      process.send({ type: 'ready', port: server.address().port })
    );
  }
  if (message.type === 'stop') {
    server.close();
    db.close();
    process.exit(0);
  }
});
