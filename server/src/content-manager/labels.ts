import { COMMENT_UID, LESSON_COMPONENT_UID, POST_UID } from '../../../contracts/plugin';

/**
 * What the Content Manager shows editors by default: readable labels and help under each field,
 * where each field sits in the edit view, the list view's columns, and the field that names an
 * entry in relation pickers (a category, tag or author by its name, a lesson by its text).
 */
import type { EditCell } from '../db/content-manager';

export interface FieldText {
  label: string;
  description?: string;
  /** Shown, not editable in the edit view. */
  readOnly?: boolean;
  /** Left out of the edit view. */
  hidden?: boolean;
  /**
   * Raised when a changed default must reach installs that applied an earlier one: the field's
   * defaults are then applied once more (over an editor's own settings of that field only).
   */
  revision?: number;
}

export interface LayoutDefaults {
  fields: Record<string, FieldText>;
  settings?: Record<string, unknown>;
  /** Columns of the list view. */
  list?: string[];
  /**
   * Rows of the edit view, top to bottom. Fields of the type left out here keep the place Strapi
   * gives them (after these rows).
   */
  edit?: EditCell[][];
}

export const POST_LAYOUT: LayoutDefaults = {
  fields: {
    title: { label: 'Title' },
    slug: {
      label: 'Slug',
      description: 'The post’s address: /api/blog/posts/{slug}, unique in each language',
    },
    excerpt: { label: 'Excerpt', description: 'A short summary for lists and feeds' },
    cover: {
      label: 'Cover image',
      description: 'Shown above the post, in lists and feeds; give it an alternative text',
    },
    body: { label: 'Body' },
    lessonsHeading: { label: 'Lessons heading', description: 'The line above the lessons' },
    lessons: { label: 'Lessons', description: 'Numbered in this order; drag to reorder' },
    author: {
      label: 'Author',
      description: 'Who signs the post; yours by default when your admin user has an author',
    },
    categories: { label: 'Categories' },
    tags: { label: 'Tags' },
    authorName: {
      label: 'Author name',
      description: 'The byline of a post without an author (imported posts keep theirs here)',
    },
    originalDate: { label: 'Original date', description: 'The day the post was first written' },
    commentsEnabled: { label: 'Comments enabled' },
    // Read-only here: counted by status in the edit view's Comments side panel, with the way to
    // the Moderation view. As a relation field it offered to detach a comment from its post.
    comments: { label: 'Comments', hidden: true, revision: 2 },
    seo: { label: 'SEO', description: 'What search engines and link previews show' },
  },
  settings: { defaultSortBy: 'originalDate', defaultSortOrder: 'DESC' },
  list: ['id', 'title', 'originalDate', 'author', 'categories', 'commentsEnabled'],
  edit: [
    [
      { name: 'title', size: 6 },
      { name: 'slug', size: 6 },
    ],
    [
      { name: 'excerpt', size: 6 },
      { name: 'cover', size: 6 },
    ],
    [{ name: 'body', size: 12 }],
    [{ name: 'lessonsHeading', size: 6 }],
    [{ name: 'lessons', size: 12 }],
    [
      { name: 'author', size: 4 },
      { name: 'categories', size: 4 },
      { name: 'tags', size: 4 },
    ],
    [
      { name: 'authorName', size: 6 },
      { name: 'originalDate', size: 4 },
    ],
    [{ name: 'commentsEnabled', size: 4 }],
    [{ name: 'seo', size: 12 }],
  ],
};

export const COMMENT_LAYOUT: LayoutDefaults = {
  fields: {
    // Shown, not editable: a comment stays on the post it was sent to (the server refuses a
    // move from the admin, moderation/update-checks.ts). As an editable relation it offered a
    // remove button that detached the comment from its post.
    post: {
      label: 'Post',
      description: 'The post the comment was sent to; a comment stays on it',
      readOnly: true,
      revision: 2,
    },
    parent: {
      label: 'Replying to',
      description: 'Empty for a comment on the post itself; else a comment on the same post',
    },
    // Set from each reply's own Replying to field (the server refuses a change here).
    replies: {
      label: 'Replies',
      description: 'Set from each reply’s own Replying to field',
      readOnly: true,
      revision: 2,
    },
    authorName: { label: 'Author name', description: 'As the comment is signed' },
    authorEmail: { label: 'Author email', description: 'Private: never shown publicly' },
    authorUrl: {
      label: 'Author website',
      description: 'An absolute http(s) URL, linked from the author’s name',
    },
    content: { label: 'Content', description: 'Plain text, shown as written' },
    // The Content Manager reads a `status` field as draft & publish state and refuses other
    // values, so moderation status is changed through the plugin's moderation API instead.
    status: { label: 'Status', hidden: true },
    // Set by the plugin, never by hand: shown read-only in the edit view's Moderation side panel
    // (the Content Manager hints "max. 255 characters" under any string field it shows, editable
    // or not; the schema's maxLength stays, it bounds what the plugin writes).
    moderationReason: { label: 'Moderation reason', hidden: true, revision: 2 },
    ipHash: {
      label: 'IP hash',
      description: 'Private: a salted hash, never the address',
      hidden: true,
      revision: 2,
    },
    userAgent: { label: 'User agent', description: 'Private', hidden: true, revision: 2 },
    submittedAt: {
      label: 'Submitted at',
      description: 'When the reader sent it (the original date for an imported comment)',
      readOnly: true,
      revision: 2,
    },
    // Set by the Moderation view's reply (a moderator's reply), never by hand.
    staff: {
      label: 'Staff reply',
      description: 'A moderator’s reply from the Moderation view',
      hidden: true,
    },
    editedAt: {
      label: 'Edited at',
      description: 'When the author last changed the text, within the edit window',
      readOnly: true,
    },
    // Set on submission; shown read-only in the Moderation side panel, like the fields above.
    pageLocale: {
      label: 'Page language',
      description: 'The language of the page the comment was sent from',
      hidden: true,
    },
  },
  settings: { mainField: 'authorName', defaultSortBy: 'submittedAt', defaultSortOrder: 'DESC' },
  list: ['id', 'authorName', 'post', 'submittedAt', 'moderationReason'],
};

export const LESSON_LAYOUT: LayoutDefaults = {
  fields: { text: { label: 'Text' } },
  settings: { mainField: 'text' },
};

export const SEO_LAYOUT: LayoutDefaults = {
  fields: {
    metaTitle: {
      label: 'Meta title',
      description: 'At most 60 characters: what search results show as the title (else the title)',
    },
    metaDescription: {
      label: 'Meta description',
      description: 'At most 160 characters: the summary under the title in search results',
    },
    canonicalUrl: {
      label: 'Canonical URL',
      description: 'An absolute http(s) URL, when the post’s original lives at another address',
    },
    ogImage: {
      label: 'Share image',
      description: 'The picture of link previews (else the cover image)',
    },
    noIndex: {
      label: 'Hide from search engines',
      description: 'Left out of the sitemap and marked noindex',
    },
  },
  settings: { mainField: 'metaTitle' },
  edit: [
    [
      { name: 'metaTitle', size: 6 },
      { name: 'canonicalUrl', size: 6 },
    ],
    [
      { name: 'metaDescription', size: 6 },
      { name: 'ogImage', size: 6 },
    ],
    [{ name: 'noIndex', size: 4 }],
  ],
};

export const CATEGORY_LAYOUT: LayoutDefaults = {
  fields: {
    name: { label: 'Name', description: 'At most 100 characters' },
    slug: {
      label: 'Slug',
      description: 'The category’s address: /api/blog/categories, unique in each language',
    },
    description: { label: 'Description' },
    parent: {
      label: 'Parent category',
      description: 'Leave empty for a top-level category; a parent must be a top-level category',
    },
    children: {
      label: 'Subcategories',
      description: 'Set from each subcategory’s own Parent category field',
      readOnly: true,
    },
  },
  settings: { mainField: 'name', defaultSortBy: 'name', defaultSortOrder: 'ASC' },
  list: ['id', 'name', 'slug', 'parent'],
  edit: [
    [
      { name: 'name', size: 6 },
      { name: 'slug', size: 6 },
    ],
    [{ name: 'description', size: 12 }],
    [
      { name: 'parent', size: 6 },
      { name: 'children', size: 6 },
    ],
  ],
};

export const TAG_LAYOUT: LayoutDefaults = {
  fields: {
    name: { label: 'Name', description: 'At most 100 characters' },
    slug: {
      label: 'Slug',
      description: 'The tag’s address in post filters, unique in each language',
    },
  },
  settings: { mainField: 'name', defaultSortBy: 'name', defaultSortOrder: 'ASC' },
  list: ['id', 'name', 'slug'],
  edit: [
    [
      { name: 'name', size: 6 },
      { name: 'slug', size: 6 },
    ],
  ],
};

export const AUTHOR_LAYOUT: LayoutDefaults = {
  fields: {
    name: { label: 'Name', description: 'As it signs posts' },
    slug: { label: 'Slug', description: 'The author page’s address: /api/blog/authors/{slug}' },
    bio: { label: 'Bio', description: 'A few lines about the author, shown on the author page' },
    avatar: { label: 'Avatar' },
    url: { label: 'Website', description: 'An absolute http(s) URL' },
    user: {
      label: 'Admin user',
      description:
        'The editor who writes as this author: their new posts get this author. Never public',
    },
  },
  settings: { mainField: 'name', defaultSortBy: 'name', defaultSortOrder: 'ASC' },
  list: ['id', 'name', 'slug', 'user'],
  edit: [
    [
      { name: 'name', size: 6 },
      { name: 'slug', size: 6 },
    ],
    [
      { name: 'bio', size: 6 },
      { name: 'avatar', size: 6 },
    ],
    [
      { name: 'url', size: 6 },
      { name: 'user', size: 6 },
    ],
  ],
};

/** The post's fields in version 0.1.0: a fixed record of that version, not the current model. */
const POST_FIELDS_0_1_0 =
  'title slug excerpt body originalDate authorName lessonsHeading lessons commentsEnabled comments';

/** The comment's fields in version 0.1.0: a fixed record of that version, not the current model. */
const COMMENT_FIELDS_0_1_0 =
  'post parent replies authorName authorEmail authorUrl content status moderationReason ipHash userAgent submittedAt';

/**
 * The fields whose defaults version 0.1.0 applied, for the types it knew. It recorded only the
 * types; a type's fields added since then get their labels and places on upgrade.
 */
export const APPLIED_BEFORE_FIELD_TRACKING: Record<string, string[]> = {
  [POST_UID]: POST_FIELDS_0_1_0.split(' '),
  [COMMENT_UID]: COMMENT_FIELDS_0_1_0.split(' '),
  [LESSON_COMPONENT_UID]: Object.keys(LESSON_LAYOUT.fields),
};
