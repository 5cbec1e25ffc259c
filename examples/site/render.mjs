/**
 * The pages of the example site, as HTML strings. Every text from the API goes through `escape`
 * (the plugin's own, from `strapi-plugin-blog/contracts`), and the post body through
 * `blocksToHtml`, which escapes it too and keeps only safe links.
 */
import { blocksToHtml, escapeXml as escape } from 'strapi-plugin-blog/contracts';

const date = (value) =>
  value
    ? new Date(value.length === 10 ? `${value}T00:00:00Z` : value).toLocaleDateString('en-GB', {
        day: 'numeric',
        month: 'long',
        year: 'numeric',
        timeZone: 'UTC',
      })
    : '';

const layout = (title, body, { api } = {}) => `<!doctype html>
<html lang="en">
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<title>${escape(title)}</title>
<link rel="stylesheet" href="/assets/site.css">
<link rel="alternate" type="application/atom+xml" title="Posts" href="${escape(api ?? '')}/api/blog/feed.xml">
</head>
<body>
<header><a href="/" class="home">The Blog</a></header>
<main>
${body}
</main>
</body>
</html>
`;

export const listPage = ({ posts, pagination }, api) =>
  layout(
    'The Blog',
    `<h1>Posts</h1>
<ul class="posts">
${posts
  .map(
    (post) => `<li class="post-summary">
  <a href="/posts/${encodeURIComponent(post.slug)}"><h2>${escape(post.title)}</h2></a>
  <p class="meta">${escape(date(post.originalDate ?? post.publishedAt))}${
    post.authorName ? ` · ${escape(post.authorName)}` : ''
  } · ${post.lessons.length} lessons · ${post.commentCount} comments</p>
  ${post.excerpt ? `<p>${escape(post.excerpt)}</p>` : ''}
</li>`
  )
  .join('\n')}
</ul>
${
  pagination.pageCount > 1
    ? `<nav class="pager">${
        pagination.page > 1 ? `<a href="/?page=${pagination.page - 1}">Newer</a>` : ''
      } Page ${pagination.page} of ${pagination.pageCount} ${
        pagination.page < pagination.pageCount
          ? `<a href="/?page=${pagination.page + 1}">Older</a>`
          : ''
      }</nav>`
    : ''
}`,
    { api }
  );

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
  } <span class="meta">${escape(date(comment.submittedAt))}</span></p>
  <div class="content">${escape(comment.content)
    .split(/\n{2,}/)
    .map((paragraph) => `<p>${paragraph.replace(/\n/g, '<br>')}</p>`)
    .join('')}</div>
  <button type="button" class="reply" data-parent="${escape(comment.documentId)}" data-author="${escape(comment.authorName)}">Reply</button>
  ${thread(comment.replies)}
</li>`
        )
        .join('\n')}</ol>`
    : '';

export const postPage = ({ post, comments, total }, api) =>
  layout(
    post.title,
    `<article>
<h1>${escape(post.title)}</h1>
<p class="meta">${escape(date(post.originalDate ?? post.publishedAt))}${
      post.authorName ? ` · ${escape(post.authorName)}` : ''
    }</p>
<div class="body">${blocksToHtml(post.body)}</div>
${
  post.lessons.length
    ? `<section class="lessons" aria-labelledby="lessons-heading">
<h2 id="lessons-heading">${escape(post.lessonsHeading || 'Lessons')}</h2>
<ol>${post.lessons.map((lesson) => `<li>${escape(lesson.text)}</li>`).join('')}</ol>
</section>`
    : ''
}
</article>
<section class="comments" aria-labelledby="comments-heading">
<h2 id="comments-heading">${total} ${total === 1 ? 'comment' : 'comments'}</h2>
${thread(comments)}
${
  post.commentsEnabled
    ? `<form id="comment-form" data-api="${escape(api)}" data-slug="${escape(post.slug)}" novalidate>
  <h3>Leave a comment</h3>
  <p id="replying" hidden>Replying to <strong></strong> <button type="button" id="cancel-reply">Cancel</button></p>
  <input type="hidden" name="parent" value="">
  <label>Name <input name="authorName" required maxlength="100" autocomplete="name"></label>
  <label>Email (never shown) <input name="authorEmail" type="email" required autocomplete="email"></label>
  <label>Website (optional) <input name="authorUrl" type="url" autocomplete="url"></label>
  <label>Comment <textarea name="content" required rows="5"></textarea></label>
  <div class="trap" aria-hidden="true"><label>Leave this empty <input name="honeypot" tabindex="-1" autocomplete="off"></label></div>
  <button type="submit">Send</button>
  <div id="form-status" role="status" aria-live="polite"></div>
  <div id="form-error" role="alert" hidden></div>
</form>
<script src="/assets/comments.js" defer></script>`
    : '<p>Comments are closed.</p>'
}
</section>`,
    { api }
  );

export const errorPage = (status, message, api) =>
  layout(
    status === 404 ? 'Not found' : 'Error',
    `<h1>${status === 404 ? 'Not found' : 'Something went wrong'}</h1>
<p class="error" role="alert">${escape(message)}</p>
<p><a href="/">Back to the posts</a></p>`,
    { api }
  );
