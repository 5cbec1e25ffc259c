/**
 * The pages of the example site, as HTML strings: the post list, a post, an error. Every text
 * from the API goes through `escape` (the plugin's own, from `strapi-plugin-blog/contracts`),
 * and the post body through `blocksToHtml`, which escapes it too and keeps only safe links.
 */
import { blocksToHtml, escapeXml as escape } from 'strapi-plugin-blog/contracts';

import { layout } from './layout.mjs';
import { image, mediaUrl, resolveBodyImages } from './media.mjs';
import { languageName, pathsFor, postInLocale } from './paths.mjs';

export const date = (value, locale) => {
  if (!value) return '';
  const when = new Date(value.length === 10 ? `${value}T00:00:00Z` : value);
  const options = { day: 'numeric', month: 'long', year: 'numeric', timeZone: 'UTC' };
  try {
    return when.toLocaleDateString(!locale || locale === 'en' ? 'en-GB' : locale, options);
  } catch {
    return when.toLocaleDateString('en-GB', options);
  }
};

/** The author's name, a link to their page when the post has an author, else the byline. */
export const byline = (post, paths) => {
  if (post.author) {
    return `<a href="${escape(paths.author(post.author.slug))}" rel="author">${escape(post.author.name)}</a>`;
  }
  return post.authorName ? escape(post.authorName) : '';
};

const plural = (count, one, many) => `${count} ${count === 1 ? one : many}`;

const metaLine = (post, paths, extra = []) =>
  [
    escape(date(post.originalDate ?? post.publishedAt, post.locale)),
    byline(post, paths),
    `${Number(post.readingMinutes) || 1} min read`,
    ...extra,
  ]
    .filter(Boolean)
    .join(' · ');

const categoryLinks = (post, paths) =>
  (post.categories ?? [])
    .map(
      (category) =>
        `<a href="${escape(paths.category(category.slug))}" class="category">${escape(category.name)}</a>`
    )
    .join(', ');

/** One post in a list: its cover, title, date, byline, reading time, counts and excerpt. */
export const postSummary = (post, { api, paths }) => `<li class="post-summary">
  ${image(post.cover, api, { sizes: '(max-width: 44rem) 100vw, 42rem', className: 'cover', lazy: true })}
  <a href="${escape(paths.post(post.slug))}"><h2>${escape(post.title)}</h2></a>
  <p class="meta">${metaLine(post, paths, [
    plural(post.lessons.length, 'lesson', 'lessons'),
    plural(post.commentCount, 'comment', 'comments'),
  ])}</p>
  ${post.categories?.length ? `<p class="meta">In ${categoryLinks(post, paths)}</p>` : ''}
  ${post.excerpt ? `<p>${escape(post.excerpt)}</p>` : ''}
</li>`;

/** A page of posts with its pager (Newer / Older), for the home, category, tag and author pages. */
export const postList = ({ posts, pagination, pathname }, { api, paths }) => `<ul class="posts">
${posts.map((post) => postSummary(post, { api, paths })).join('\n')}
</ul>
${posts.length ? '' : '<p>No posts yet.</p>'}
${
  pagination.pageCount > 1
    ? `<nav class="pager">${
        pagination.page > 1
          ? `<a href="${escape(paths.page(pathname, pagination.page - 1))}">Newer</a>`
          : ''
      } Page ${pagination.page} of ${pagination.pageCount} ${
        pagination.page < pagination.pageCount
          ? `<a href="${escape(paths.page(pathname, pagination.page + 1))}">Older</a>`
          : ''
      }</nav>`
    : ''
}`;

export const listPage = ({ posts, pagination, pathname = '/' }, api, paths = pathsFor(null)) =>
  layout(
    'The Blog',
    `<h1>Posts</h1>
${postList({ posts, pagination, pathname }, { api, paths })}`,
    { api, paths, head: { lang: paths.locale ?? posts[0]?.locale } }
  );

/** A comment's text as paragraphs (blank lines) and line breaks, escaped. */
export const paragraphs = (text) =>
  escape(text)
    .split(/\n{2,}/)
    .map((paragraph) => `<p>${paragraph.replace(/\n/g, '<br>')}</p>`)
    .join('');

const thread = (comments) =>
  comments.length
    ? `<ol class="thread">${comments
        .map(
          (
            comment
          ) => `<li class="comment" id="comment-${escape(comment.documentId)}" data-testid="comment">
  <p class="author">${
    comment.authorUrl
      ? `<a href="${escape(comment.authorUrl)}" rel="nofollow ugc">${escape(comment.authorName)}</a>`
      : escape(comment.authorName)
  } <span class="meta">${escape(date(comment.submittedAt))}${
    comment.editedAt ? ' · <span class="edited">edited</span>' : ''
  }</span></p>
  <div class="content">${paragraphs(comment.content)}</div>
  <button type="button" class="reply" data-parent="${escape(comment.documentId)}" data-author="${escape(comment.authorName)}">Reply</button>
  <button type="button" class="edit" data-comment="${escape(comment.documentId)}" data-replies="${comment.replies.length}" hidden>Edit</button>
  <button type="button" class="report" data-comment="${escape(comment.documentId)}">Report</button>
  ${thread(comment.replies)}
</li>`
        )
        .join('\n')}</ol>`
    : '';

const isHttp = (url) => typeof url === 'string' && /^https?:\/\//i.test(url);

/** Every published language of the post, this one first. */
const versions = (post) => [
  { locale: post.locale, slug: post.slug },
  ...(post.localizations ?? []).filter((other) => other.locale !== post.locale),
];

/**
 * `hreflang` alternates when the post has translations: one per language, each an absolute
 * address with its language in it, and `x-default` for the version in the site's default
 * language.
 */
const alternates = (post, site, defaultLocale) => {
  const all = versions(post);
  if (all.length < 2) return [];
  const links = all.map(({ locale, slug }) => ({
    hreflang: locale,
    href: `${site}${postInLocale(locale, slug)}`,
  }));
  const fallback = all.find(({ locale }) => locale === defaultLocale);
  return fallback
    ? [
        ...links,
        { hreflang: 'x-default', href: `${site}${postInLocale(fallback.locale, fallback.slug)}` },
      ]
    : links;
};

/** Links to the post's other languages, each named in its own language. */
const languageSwitch = (post) => {
  const all = versions(post);
  if (all.length < 2) return '';
  return `<nav class="languages" aria-label="Languages">${all
    .map(({ locale, slug }, index) =>
      index === 0
        ? `<strong lang="${escape(locale)}" aria-current="page">${escape(languageName(locale))}</strong>`
        : `<a href="${escape(postInLocale(locale, slug))}" hreflang="${escape(locale)}" lang="${escape(locale)}">${escape(languageName(locale))}</a>`
    )
    .join(' · ')}</nav>`;
};

const tagList = (post, paths) =>
  post.tags?.length
    ? `<ul class="tags" aria-label="Tags">${post.tags
        .map(
          (tag) =>
            `<li><a href="${escape(paths.tag(tag.slug))}" rel="tag">${escape(tag.name)}</a></li>`
        )
        .join('')}</ul>`
    : '';

const coverFigure = (post, api) => {
  const img = image(post.cover, api, {
    sizes: '(max-width: 44rem) 100vw, 42rem',
    className: 'cover',
  });
  if (!img) return '';
  return `<figure class="cover">${img}${
    post.cover.caption ? `<figcaption>${escape(post.cover.caption)}</figcaption>` : ''
  }</figure>`;
};

/** The banner over a preview: which version it is, and until when its link works. */
const previewBanner = (preview) =>
  `<p class="preview-banner" role="status"><strong>Preview</strong> · ${
    preview.status === 'draft' ? 'draft, not published' : 'the published version'
  } · this link works until ${escape(preview.expiresAt.slice(11, 16))} UTC</p>`;

/**
 * A labelled form field with the place its own error is shown (under it, tied to it with
 * `aria-describedby`); `open` is the control's start tag without its `>`.
 */
const field = (name, label, open, close = '') =>
  `<label>${label} ${open} aria-describedby="error-${name}">${close}</label>
  <p class="field-error" id="error-${name}" data-field="${name}" hidden></p>`;

/** The reasons a reader may give for a report (the API's list), as the report form offers them. */
const REPORT_REASONS = [
  ['spam', 'Spam'],
  ['abuse', 'Abusive or hateful'],
  ['off-topic', 'Off-topic'],
  ['personal-info', 'Shares personal information'],
  ['other', 'Something else'],
];

const reportForm = () => `<form id="report-form" class="report-form" hidden novalidate>
  <label>Why report this comment? <select name="reason">${REPORT_REASONS.map(
    ([value, label]) => `<option value="${value}">${label}</option>`
  ).join('')}</select></label>
  <label>Anything to add (optional) <textarea name="note" rows="2" maxlength="500"></textarea></label>
  <button type="submit">Send the report</button> <button type="button" class="cancel">Cancel</button>
  <div class="report-status" role="status" aria-live="polite"></div>
</form>
<form id="edit-form" class="edit-form" hidden novalidate>
  <label>Your comment <textarea name="content" rows="5"></textarea></label>
  <button type="submit">Save</button> <button type="button" class="cancel">Cancel</button>
  <div class="edit-status" role="status" aria-live="polite"></div>
</form>`;

const commentForm = (
  post,
  api
) => `<form id="comment-form" data-api="${escape(api)}" data-slug="${escape(post.slug)}" data-locale="${escape(post.locale ?? '')}" novalidate>
  <h3>Leave a comment</h3>
  <p id="replying" hidden>Replying to <strong></strong> <button type="button" id="cancel-reply">Cancel</button></p>
  <input type="hidden" name="parent" value="">
  ${field('authorName', 'Name', '<input name="authorName" required maxlength="100" autocomplete="name"')}
  ${field('authorEmail', 'Email (never shown)', '<input name="authorEmail" type="email" required autocomplete="email"')}
  ${field('authorUrl', 'Website (optional)', '<input name="authorUrl" type="url" autocomplete="url"')}
  ${field('content', 'Comment', '<textarea name="content" required rows="5"', '</textarea>')}
  <label class="check"><input type="checkbox" name="notifyReplies"> Notify me of replies</label>
  <label class="check"><input type="checkbox" name="notifyNewComments"> Notify me of new comments on this post</label>
  <div class="trap" aria-hidden="true"><label>Leave this empty <input class="honeypot" name="honeypot" tabindex="-1" autocomplete="off"></label></div>
  <button type="submit">Send</button>
  <div id="form-status" role="status" aria-live="polite"></div>
  <div id="form-error" role="alert" hidden></div>
</form>`;

const commentsSection = (
  post,
  comments,
  total,
  api
) => `<section class="comments" aria-labelledby="comments-heading">
<h2 id="comments-heading">${total} ${total === 1 ? 'comment' : 'comments'}</h2>
${thread(comments)}
${post.commentsEnabled ? commentForm(post, api) : '<p>Comments are closed.</p>'}
${reportForm()}
<script id="comments-script" src="/assets/comments.js" data-api="${escape(api)}" defer></script>
</section>`;

/**
 * A post: cover, title, date, byline, reading time, categories, languages, body, lessons, tags,
 * the thread and the comment form (which sends the page's language with the comment).
 * `site` is the site's own absolute address (for canonical and `hreflang` links). With
 * `preview` (the preview route's `meta.preview`), a "Preview" banner over the post, no comments
 * and no form, and `noindex`.
 */
export const postPage = (
  { post, comments, total },
  api,
  { paths = pathsFor(null), site = '', defaultLocale = 'en', preview = null } = {}
) => {
  const seo = post.seo ?? {};
  const canonical = isHttp(seo.canonicalUrl)
    ? seo.canonicalUrl
    : `${site}${post.locale ? postInLocale(post.locale, post.slug) : paths.post(post.slug)}`;
  return layout(
    seo.metaTitle || post.title,
    `${preview ? previewBanner(preview) : ''}<article lang="${escape(post.locale ?? 'en')}">
${coverFigure(post, api)}
<h1>${escape(post.title)}</h1>
<p class="meta">${metaLine(post, paths)}</p>
${post.categories?.length ? `<p class="meta">In ${categoryLinks(post, paths)}</p>` : ''}
${languageSwitch(post)}
<div class="body">${blocksToHtml(resolveBodyImages(post.body, api))}</div>
${
  post.lessons.length
    ? `<section class="lessons" aria-labelledby="lessons-heading">
<h2 id="lessons-heading">${escape(post.lessonsHeading || 'Lessons')}</h2>
<ol>${post.lessons.map((lesson) => `<li>${escape(lesson.text)}</li>`).join('')}</ol>
</section>`
    : ''
}
${tagList(post, paths)}
</article>
${preview ? '<p class="meta">Comments are not shown in a preview.</p>' : commentsSection(post, comments, total, api)}`,
    {
      api,
      paths,
      head: {
        lang: post.locale,
        description: seo.metaDescription || post.excerpt,
        canonical: preview ? undefined : canonical,
        noIndex: preview !== null || seo.noIndex === true,
        ogType: 'article',
        ogImage: mediaUrl(seo.ogImage?.url ?? post.cover?.url, api),
        alternates: preview ? [] : alternates(post, site, defaultLocale),
      },
    }
  );
};

export const errorPage = (status, message, api, paths = pathsFor(null)) =>
  layout(
    status === 404 ? 'Not found' : 'Error',
    `<h1>${status === 404 ? 'Not found' : 'Something went wrong'}</h1>
<p class="error" role="alert">${escape(message)}</p>
<p><a href="${escape(paths.home())}">Back to the posts</a></p>`,
    { api, paths }
  );
