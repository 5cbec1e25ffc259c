/**
 * The demo's mail catcher: a real SMTP server on loopback (the `smtp-server` package, each message
 * parsed with `mailparser`, as tests/helpers/smtp.ts does) and a small web inbox over plain
 * `http`, so that `npm run demo` shows the plugin's mail without a mail server of one's own.
 *
 *   GET /              the received mails, newest first (to, subject, time)
 *   GET /mails/:id     one mail: its headers (List-Unsubscribe included), its text part with
 *                      clickable links, its HTML part in a sandboxed iframe (no scripts)
 *   GET /api/mails     the same list as JSON;  GET /api/mails/:id  one mail as JSON
 *
 * Bounded: the last `keep` mails (200), each at most `maxBytes` (1 MB; a larger one is refused
 * with 552). No TLS, no authentication, loopback only: a demo's inbox, not a mail server.
 */
'use strict';

const http = require('http');

const { simpleParser } = require('mailparser');
const { SMTPServer } = require('smtp-server');

const KEEP = 200;
const MAX_BYTES = 1024 * 1024;
/** The header lines the mail view shows first (all of them are under "All headers"). */
const MAIN_HEADERS = [
  'from',
  'to',
  'reply-to',
  'subject',
  'date',
  'list-unsubscribe',
  'list-unsubscribe-post',
];

const escapeHtml = (value) =>
  String(value)
    .replace(/&/g, '&amp;')
    .replace(/</g, '&lt;')
    .replace(/>/g, '&gt;')
    .replace(/"/g, '&quot;')
    .replace(/'/g, '&#39;');

/** A header line's value as sent, unfolded (mailparser rewrites `List-*` headers). */
const headerValue = (line) =>
  line
    .slice(line.indexOf(':') + 1)
    .replace(/\r?\n[ \t]+/g, ' ')
    .trim();

/** The http(s) links of a text, in order (a link ends at white space or an angle bracket). */
const linksOf = (text) => text.match(/https?:\/\/[^\s<>]+/g) ?? [];

/** Reads a message stream, keeping at most `max` bytes; `stream.sizeExceeded` says if it had more. */
const readCapped = (stream, max) =>
  new Promise((resolve, reject) => {
    const chunks = [];
    let size = 0;
    stream.on('data', (chunk) => {
      if (size >= max) return;
      chunks.push(chunk);
      size += chunk.length;
    });
    stream.on('end', () => resolve(Buffer.concat(chunks)));
    stream.on('error', reject);
  });

const PAGE_CSP = [
  "default-src 'none'",
  "style-src 'unsafe-inline'",
  'img-src data:',
  "form-action 'none'",
  "base-uri 'none'",
].join('; ');

const page = (title, body) => `<!doctype html>
<html lang="en"><head><meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<title>${escapeHtml(title)}</title>
<style>
body{font:15px/1.5 system-ui,sans-serif;margin:0 auto;max-width:60rem;padding:1rem 1.5rem;color:#222}
table{border-collapse:collapse;width:100%}th,td{text-align:left;padding:.35rem .5rem;border-bottom:1px solid #ddd;vertical-align:top}
pre{white-space:pre-wrap;word-break:break-word;background:#f6f6f6;padding:.75rem;border-radius:4px}
iframe{width:100%;height:32rem;border:1px solid #ccc;border-radius:4px;background:#fff}
.muted{color:#666}dt{font-weight:600}dd,.links{margin:0 0 .4rem;word-break:break-all}
</style></head><body>${body}</body></html>`;

const renderList = (mails) => {
  const rows = mails
    .slice()
    .reverse()
    .map(
      (mail) => `<tr data-testid="mail">
<td><a href="/mails/${mail.id}">${escapeHtml(mail.subject || '(no subject)')}</a></td>
<td>${escapeHtml(mail.to.join(', '))}</td>
<td><time datetime="${mail.receivedAt}">${escapeHtml(mail.receivedAt.replace('T', ' ').slice(0, 19))}</time></td>
</tr>`
    )
    .join('\n');
  return page(
    'Demo inbox',
    `<h1>Demo inbox</h1>
<p class="muted">Every mail the demo sends lands here (the last ${KEEP}), newest first. Reload to see new ones: the plugin's outbox sends every 10 seconds.</p>
${
  mails.length
    ? `<table><thead><tr><th>Subject</th><th>To</th><th>Received (UTC)</th></tr></thead><tbody>
${rows}
</tbody></table>`
    : '<p>No mail yet. Comment with "Notify me of replies" ticked, or as a new reader (held: the moderator is mailed).</p>'
}`
  );
};

const renderMail = (mail) => {
  const main = MAIN_HEADERS.flatMap((key) =>
    mail.headers
      .filter((header) => header.key === key)
      .map((header) => `<dt>${escapeHtml(header.name)}</dt><dd>${escapeHtml(header.value)}</dd>`)
  ).join('\n');
  const all = mail.headers
    .map((header) => `${escapeHtml(header.name)}: ${escapeHtml(header.value)}`)
    .join('\n');
  const links = mail.links
    .map(
      (link) =>
        `<li><a href="${escapeHtml(link)}" target="_blank" rel="noopener noreferrer">${escapeHtml(link)}</a></li>`
    )
    .join('\n');
  // The HTML part in a sandbox: no scripts, no same origin; its links open in a new tab.
  const srcdoc = `<base target="_blank">${mail.html}`;
  return page(
    mail.subject || '(no subject)',
    `<p><a href="/">← Inbox</a></p>
<h1>${escapeHtml(mail.subject || '(no subject)')}</h1>
<p class="muted">To ${escapeHtml(mail.to.join(', '))}, received ${escapeHtml(mail.receivedAt)}</p>
<dl>${main}</dl>
<details><summary>All headers</summary><pre>${all}</pre></details>
<h2>Links</h2>
${links ? `<ul class="links">${links}</ul>` : '<p class="muted">None in the text part.</p>'}
<h2>Text</h2>
<pre class="text">${escapeHtml(mail.text)}</pre>
<h2>HTML</h2>
${
  mail.html
    ? `<iframe title="The mail's HTML part" sandbox="allow-popups allow-popups-to-escape-sandbox" srcdoc="${escapeHtml(srcdoc)}"></iframe>`
    : '<p class="muted">No HTML part.</p>'
}`
  );
};

const summaryOf = (mail) => ({
  id: mail.id,
  to: mail.to,
  subject: mail.subject,
  receivedAt: mail.receivedAt,
});

const detailOf = (mail) => ({
  ...summaryOf(mail),
  from: mail.from,
  headers: Object.fromEntries(mail.headers.map((header) => [header.key, header.value])),
  text: mail.text,
  html: mail.html,
  links: mail.links,
});

/**
 * Starts the catcher. `smtpPort` / `httpPort` 0 take free ports. Resolves once both listen,
 * with the ports, the inbox's address, the received mails (oldest first) and `stop()`.
 */
async function startMailCatcher({
  smtpPort = 2525,
  httpPort = 8025,
  host = '127.0.0.1',
  keep = KEEP,
  maxBytes = MAX_BYTES,
} = {}) {
  const mails = [];
  let nextId = 1;

  const smtp = new SMTPServer({
    authOptional: true,
    disabledCommands: ['STARTTLS', 'AUTH'],
    logger: false,
    size: maxBytes,
    onData(stream, session, callback) {
      readCapped(stream, maxBytes)
        .then(async (raw) => {
          if (stream.sizeExceeded) {
            const error = new Error(`Message exceeds the demo inbox's ${maxBytes} bytes`);
            error.responseCode = 552;
            throw error;
          }
          const parsed = await simpleParser(raw);
          mails.push({
            id: nextId++,
            to: session.envelope.rcptTo.map((rcpt) => rcpt.address.toLowerCase()),
            from: session.envelope.mailFrom ? session.envelope.mailFrom.address : '',
            subject: parsed.subject ?? '',
            receivedAt: new Date().toISOString(),
            headers: parsed.headerLines.map((header) => ({
              key: header.key,
              name: header.line.slice(0, header.line.indexOf(':')),
              value: headerValue(header.line),
            })),
            text: parsed.text ?? '',
            html: typeof parsed.html === 'string' ? parsed.html : '',
            links: linksOf(parsed.text ?? ''),
          });
          if (mails.length > keep) mails.splice(0, mails.length - keep);
          callback();
        })
        .catch((error) => callback(error));
    },
  });

  const send = (res, status, type, body) => {
    res.writeHead(status, {
      'Content-Type': type,
      'Cache-Control': 'no-store',
      'X-Content-Type-Options': 'nosniff',
      'Content-Security-Policy': PAGE_CSP,
      'Referrer-Policy': 'no-referrer',
    });
    res.end(body);
  };
  const json = (res, status, value) =>
    send(res, status, 'application/json; charset=utf-8', JSON.stringify(value));
  const html = (res, status, value) => send(res, status, 'text/html; charset=utf-8', value);

  const web = http.createServer((req, res) => {
    if (req.method !== 'GET' && req.method !== 'HEAD') {
      res.writeHead(405, { Allow: 'GET, HEAD' });
      res.end();
      return;
    }
    let pathname;
    try {
      ({ pathname } = new URL(req.url ?? '/', 'http://inbox.localhost'));
    } catch {
      res.writeHead(400);
      res.end();
      return;
    }
    const match = /^\/(api\/)?mails\/(\d{1,9})$/.exec(pathname);
    const mail = match ? mails.find((candidate) => candidate.id === Number(match[2])) : undefined;
    if (pathname === '/') html(res, 200, renderList(mails));
    else if (pathname === '/api/mails') json(res, 200, { data: mails.map(summaryOf).reverse() });
    else if (mail && match[1]) json(res, 200, { data: detailOf(mail) });
    else if (mail) html(res, 200, renderMail(mail));
    else if (pathname.startsWith('/api/')) json(res, 404, { error: 'Not found' });
    else html(res, 404, page('Not found', '<p>No such mail (the inbox keeps the last ones).</p>'));
  });

  const listen = (server, port) =>
    new Promise((resolve, reject) => {
      server.once('error', reject);
      server.listen(port, host, () => {
        server.off('error', reject);
        resolve(server.address().port);
      });
    });

  // A client's broken connection is the client's: the catcher goes on.
  smtp.on('error', () => {});
  const boundSmtp = await listen(smtp.server, smtpPort);
  let boundHttp;
  try {
    boundHttp = await listen(web, httpPort);
  } catch (error) {
    await new Promise((resolve) => smtp.close(resolve));
    throw error;
  }

  return {
    smtpPort: boundSmtp,
    httpPort: boundHttp,
    url: `http://localhost:${boundHttp}`,
    mails,
    stop: () =>
      Promise.all([
        new Promise((resolve) => smtp.close(resolve)),
        new Promise((resolve) => web.close(resolve)),
      ]),
  };
}

module.exports = { startMailCatcher, escapeHtml };
