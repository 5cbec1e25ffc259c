/**
 * The category, tag and author pages: the list of categories or tags with their counts of
 * published posts, one category's or tag's posts, and an author's bio, avatar and posts.
 */
import { escapeXml as escape } from 'strapi-plugin-blog/contracts';

import { layout } from './layout.mjs';
import { image } from './media.mjs';
import { postList } from './render.mjs';

const KINDS = {
  category: { title: 'Categories', one: 'Category', link: (paths) => paths.category },
  tag: { title: 'Tags', one: 'Tag', link: (paths) => paths.tag },
};

const plural = (count) => `${count} ${count === 1 ? 'post' : 'posts'}`;

/** The categories or tags of a language, each with its published posts counted. */
const termList = (kind, terms, paths, current) => {
  const link = KINDS[kind].link(paths);
  return `<ul class="terms" data-testid="${kind}-list">${terms
    .map(
      (term) =>
        `<li${term.slug === current ? ' aria-current="page"' : ''}><a href="${escape(link(term.slug))}">${escape(term.name)}</a> <span class="count">(${plural(term.postCount)})</span></li>`
    )
    .join('')}</ul>`;
};

/** `/categories` and `/tags`. */
export const termIndexPage = (kind, terms, { api, paths }) =>
  layout(
    KINDS[kind].title,
    `<h1>${KINDS[kind].title}</h1>
${terms.length ? termList(kind, terms, paths) : `<p>No ${KINDS[kind].title.toLowerCase()} yet.</p>`}`,
    { api, paths }
  );

/** `/categories/:slug` and `/tags/:slug`: the term, its posts, and the other terms. */
export const termPage = (kind, { term, terms, posts, pagination, pathname }, { api, paths }) =>
  layout(
    `${KINDS[kind].one}: ${term.name}`,
    `<h1><span class="kind">${KINDS[kind].one}:</span> ${escape(term.name)}</h1>
${
  term.parent
    ? `<p class="meta">In <a href="${escape(paths.category(term.parent.slug))}">${escape(term.parent.name)}</a></p>`
    : ''
}
${term.description ? `<p class="description">${escape(term.description)}</p>` : ''}
${postList({ posts, pagination, pathname }, { api, paths })}
<aside aria-label="${KINDS[kind].title}"><h2>${KINDS[kind].title}</h2>${termList(kind, terms, paths, term.slug)}</aside>`,
    { api, paths, head: { description: term.description } }
  );

const paragraphs = (text) =>
  escape(text)
    .split(/\n{2,}/)
    .map((paragraph) => `<p>${paragraph.replace(/\n/g, '<br>')}</p>`)
    .join('');

/** `/authors/:slug`: avatar, name, link, bio, and the author's posts in this language. */
export const authorPage = ({ author, posts, pagination, pathname }, { api, paths }) =>
  layout(
    author.name,
    `<section class="author-card">
${image(author.avatar, api, { sizes: '6rem', className: 'avatar' })}
<h1>${escape(author.name)}</h1>
${
  author.url && /^https?:\/\//i.test(author.url)
    ? `<p><a href="${escape(author.url)}" rel="me nofollow">${escape(author.url)}</a></p>`
    : ''
}
${author.bio ? `<div class="bio">${paragraphs(author.bio)}</div>` : ''}
</section>
<h2>${plural(author.postCount)}</h2>
${postList({ posts, pagination, pathname }, { api, paths })}`,
    { api, paths, head: { description: author.bio?.slice(0, 160) } }
  );
