import { simpleParser } from 'mailparser';

import { renderPage } from '../../server/src/mail/pages';
import {
  commentMail,
  confirmMail,
  heldMail,
  oneLine,
  QUOTE_CHARACTERS,
} from '../../server/src/mail/templates';

const HOSTILE_NAME = '<img src=x onerror=alert(1)>"Eve" & \'Co\'\r\nBcc: victim@example.com';
const HOSTILE_TEXT =
  '</blockquote><script>alert("x")</script>\n\n<a href="javascript:alert(1)">click</a>';
const HOSTILE_TITLE = 'Post <b>title</b>\nX-Injected: yes';

/** Every tag of an HTML part: only the ones the templates write. */
const tags = (html: string) =>
  [...html.matchAll(/<\/?([a-z0-9]+)/gi)].map((m) => m[1].toLowerCase());
const OWN_TAGS = ['html', 'body', 'p', 'a', 'strong', 'blockquote', 'br', 'hr'];

describe('mail templates: text and HTML parts, hostile input escaped', () => {
  const post = { title: HOSTILE_TITLE, url: 'https://site.example/blog/a?x=1&y="2"' };
  const links = {
    unsubscribeUrl: 'https://api.example/api/blog/subscriptions/unsubscribe?token=a.b',
    unsubscribeAllUrl: 'https://api.example/api/blog/subscriptions/unsubscribe?token=c.d',
  };

  it.each(['reply', 'new-comment', 'published'] as const)(
    'a %s notice escapes the name, the text and the title in HTML, and keeps them whole in text',
    (topic) => {
      const mail = commentMail({
        topic,
        post,
        comment: { authorName: HOSTILE_NAME, content: HOSTILE_TEXT },
        ...links,
      });
      expect(tags(mail.html).every((tag) => OWN_TAGS.includes(tag))).toBe(true);
      expect(mail.html).not.toContain('<script');
      expect(mail.html).not.toContain('<img');
      expect(mail.html).toContain('&lt;script&gt;');
      expect(mail.html).toContain('href="https://site.example/blog/a?x=1&amp;y=&quot;2&quot;"');
      expect(mail.text).toContain(HOSTILE_TEXT);
      // No line break of the name or title reaches the subject (a header).
      expect(mail.subject).not.toMatch(/[\r\n]/);
      expect(mail.headers).toEqual({
        'List-Unsubscribe': `<${links.unsubscribeUrl}>`,
        'List-Unsubscribe-Post': 'List-Unsubscribe=One-Click',
      });
      expect(mail.text).toContain(links.unsubscribeUrl);
      expect(mail.text).toContain(links.unsubscribeAllUrl);
    }
  );

  it('the moderators’ mail escapes the author’s name, address and reason, and lists the links', () => {
    const mail = heldMail({
      post,
      comment: {
        authorName: HOSTILE_NAME,
        authorEmail: 'eve@example.com',
        content: HOSTILE_TEXT,
        reason: 'held: <b>word</b>',
      },
      adminUrl: 'https://api.example/admin/plugins/blog/moderation',
      actions: [{ label: 'Approve', url: 'https://api.example/api/blog/moderation-links?token=t' }],
      ttlHours: 72,
    });
    expect(tags(mail.html).every((tag) => OWN_TAGS.includes(tag))).toBe(true);
    expect(mail.html).toContain('&lt;b&gt;word&lt;/b&gt;');
    expect(mail.text).toContain('Approve: https://api.example/api/blog/moderation-links?token=t');
    expect(mail.subject).not.toMatch(/[\r\n]/);
  });

  it('a moderator who may not act gets the notice without links', () => {
    const mail = heldMail({
      post: { title: 'T', url: null },
      comment: { authorName: 'A', authorEmail: 'a@example.com', content: 'x', reason: null },
      adminUrl: 'https://api.example/admin/plugins/blog/moderation',
      actions: [],
      ttlHours: 72,
    });
    expect(mail.text).not.toContain('moderation-links');
    expect(mail.html).not.toContain('moderation-links');
  });

  it('the confirmation mail names what was asked and has no unsubscribe header', () => {
    const mail = confirmMail({
      post,
      kinds: ['replies', 'published'],
      confirmUrl: 'https://api.example/api/blog/subscriptions/confirm?token=z',
      ttlHours: 168,
    });
    expect(mail.text).toContain('replies to your comments, your comment being published');
    expect(mail.html).not.toContain('<b>title</b>');
    expect(mail.headers).toBeUndefined();
  });

  it('quotes at most QUOTE_CHARACTERS of a long comment, in linear time on hostile text', () => {
    const content = `${'<&>\n'.repeat(50_000)}`;
    const mail = commentMail({
      topic: 'reply',
      post,
      comment: { authorName: 'A', content },
      ...links,
    });
    expect(mail.text.length).toBeLessThan(QUOTE_CHARACTERS + 1000);
    expect(mail.html).not.toContain('<&>');
  });

  it('oneLine drops control characters and bounds the length', () => {
    expect(oneLine('a\r\nb\u0000c', 10)).toBe('a b c');
    expect(oneLine('x'.repeat(500)).length).toBe(150);
  });

  it('a pretty nasty mail survives a real MIME round trip (the HTML part stays escaped)', async () => {
    const mail = commentMail({
      topic: 'reply',
      post,
      comment: { authorName: HOSTILE_NAME, content: HOSTILE_TEXT },
      ...links,
    });
    const raw = `Subject: ${mail.subject}\r\nContent-Type: text/html; charset=utf-8\r\n\r\n${mail.html}`;
    const parsed = await simpleParser(raw);
    expect(parsed.html).not.toContain('<script');
  });

  it('the link pages escape what they show', () => {
    const html = renderPage({
      status: 200,
      title: '<x>',
      message: 'by <img src=x>',
      button: { action: '"><script>', label: '<b>' },
    });
    expect(html).not.toContain('<script>');
    expect(html).not.toContain('<img');
    expect(html).toContain('<form method="post" action="&quot;&gt;&lt;script&gt;">');
  });
});
