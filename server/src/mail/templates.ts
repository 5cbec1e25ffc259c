import { escapeXml } from '../../../contracts/escape';
import type { MailMessage } from '../models/mail-outbox';

/**
 * The plugin's mails, as pure functions of what they say: each has a plain-text part and an
 * HTML part, and everything that comes from a reader or an editor (names, comment text, the
 * post's title) is escaped in the HTML and stripped of line breaks where a header holds it.
 */

export interface PostFacts {
  title: string;
  /** The post's page on the site (`feed.postUrl` / `sitemap.postUrl`); null when not configured. */
  url: string | null;
}

export interface CommentFacts {
  authorName: string;
  content: string;
}

/** The longest comment text a mail quotes; the rest is on the site. */
export const QUOTE_CHARACTERS = 2000;

const html = (text: string) => escapeXml(text);

/** One line for a subject or a greeting: control characters (CR and LF included) become spaces. */
export const oneLine = (text: string, max = 150) =>
  text
    // eslint-disable-next-line no-control-regex
    .replace(/[\u0000-\u001F\u007F]+/g, ' ')
    .trim()
    .slice(0, max);

const quote = (text: string) =>
  text.length > QUOTE_CHARACTERS ? `${text.slice(0, QUOTE_CHARACTERS)}…` : text;

const paragraphsHtml = (text: string) =>
  quote(text)
    .split(/\n{2,}/)
    .map((part) => `<p>${html(part).replace(/\n/g, '<br>')}</p>`)
    .join('');

const link = (href: string, label: string) => `<a href="${html(href)}">${html(label)}</a>`;

const postLineText = (post: PostFacts) => (post.url ? `${post.title}\n${post.url}` : post.title);
const postLineHtml = (post: PostFacts) =>
  post.url ? link(post.url, post.title) : `<strong>${html(post.title)}</strong>`;

const layout = (body: string) =>
  `<!doctype html><html><body style="font-family:sans-serif;line-height:1.5;max-width:40em">${body}</body></html>`;

/** The footer of every notification: why it came, how to stop it. */
const footer = (unsubscribeUrl: string, unsubscribeAllUrl: string) => ({
  text: `\n\n--\nYou receive this because you asked to on the blog.\nStop these mails: ${unsubscribeUrl}\nStop every mail from this blog: ${unsubscribeAllUrl}\n`,
  html: `<hr><p style="font-size:smaller">You receive this because you asked to on the blog. ${link(unsubscribeUrl, 'Stop these mails')} · ${link(unsubscribeAllUrl, 'Stop every mail from this blog')}</p>`,
});

/** RFC 8058: a one-click unsubscribe address, posted `List-Unsubscribe=One-Click`. */
export const unsubscribeHeaders = (unsubscribeUrl: string): Record<string, string> => ({
  'List-Unsubscribe': `<${unsubscribeUrl}>`,
  'List-Unsubscribe-Post': 'List-Unsubscribe=One-Click',
});

const KIND_WORDS: Record<string, string> = {
  replies: 'replies to your comments',
  newComments: 'new comments',
  published: 'your comment being published',
};

/** Double opt-in: nothing else is sent to an address before its owner follows this link. */
export const confirmMail = (input: {
  post: PostFacts;
  kinds: string[];
  confirmUrl: string;
  ttlHours: number;
}): MailMessage => {
  const what = input.kinds.map((kind) => KIND_WORDS[kind] ?? kind).join(', ');
  const title = oneLine(input.post.title);
  return {
    subject: `Confirm your subscription: ${title}`,
    text: `Someone, probably you, asked to be told by mail about ${what} on:\n${postLineText(input.post)}\n\nConfirm: ${input.confirmUrl}\n\nThe link is good for ${input.ttlHours} hours. If you did not ask, ignore this mail: nothing more will be sent.\n`,
    html: layout(
      `<p>Someone, probably you, asked to be told by mail about ${html(what)} on ${postLineHtml(input.post)}.</p><p>${link(input.confirmUrl, 'Confirm')}</p><p>The link is good for ${input.ttlHours} hours. If you did not ask, ignore this mail: nothing more will be sent.</p>`
    ),
  };
};

/** A notification to a subscriber about an approved comment. */
export const commentMail = (input: {
  topic: 'reply' | 'new-comment' | 'published';
  post: PostFacts;
  comment: CommentFacts;
  unsubscribeUrl: string;
  unsubscribeAllUrl: string;
}): MailMessage => {
  const title = oneLine(input.post.title);
  const name = oneLine(input.comment.authorName, 100);
  const subject =
    input.topic === 'reply'
      ? `${name} replied to your comment on ${title}`
      : input.topic === 'published'
        ? `Your comment on ${title} is published`
        : `New comment by ${name} on ${title}`;
  const intro =
    input.topic === 'reply'
      ? `${name} replied to your comment on`
      : input.topic === 'published'
        ? 'Your comment is published on'
        : `${name} commented on`;
  const end = footer(input.unsubscribeUrl, input.unsubscribeAllUrl);
  return {
    subject,
    text: `${intro}:\n${postLineText(input.post)}\n\n${quote(input.comment.content)}${end.text}`,
    html: layout(
      `<p>${html(intro)} ${postLineHtml(input.post)}:</p><blockquote>${paragraphsHtml(input.comment.content)}</blockquote>${end.html}`
    ),
    headers: unsubscribeHeaders(input.unsubscribeUrl),
  };
};

/** The moderators' notice of a held comment, with one-click links when they may act. */
export const heldMail = (input: {
  post: PostFacts;
  comment: CommentFacts & { authorEmail: string; reason: string | null };
  adminUrl: string;
  actions: Array<{ label: string; url: string }>;
  ttlHours: number;
}): MailMessage => {
  const title = oneLine(input.post.title);
  const name = oneLine(input.comment.authorName, 100);
  const who = `${name} <${oneLine(input.comment.authorEmail, 320)}>`;
  const why = input.comment.reason ? `\nWhy it is held: ${oneLine(input.comment.reason, 500)}` : '';
  const actionsText = input.actions.length
    ? `\n\n${input.actions.map((action) => `${action.label}: ${action.url}`).join('\n')}\n(Each link asks you to confirm; good for ${input.ttlHours} hours, once.)`
    : '';
  const actionsHtml = input.actions.length
    ? `<p>${input.actions.map((action) => link(action.url, action.label)).join(' · ')}</p><p style="font-size:smaller">Each link asks you to confirm; good for ${input.ttlHours} hours, once.</p>`
    : '';
  return {
    subject: `A comment is waiting for moderation: ${title}`,
    text: `A comment by ${who} on:\n${postLineText(input.post)}\nis held for moderation.${why}\n\n${quote(input.comment.content)}${actionsText}\n\nThe Moderation view: ${input.adminUrl}\n`,
    html: layout(
      `<p>A comment by ${html(who)} on ${postLineHtml(input.post)} is held for moderation.</p>${input.comment.reason ? `<p>Why it is held: ${html(oneLine(input.comment.reason, 500))}</p>` : ''}<blockquote>${paragraphsHtml(input.comment.content)}</blockquote>${actionsHtml}<p>${link(input.adminUrl, 'The Moderation view')}</p>`
    ),
  };
};
