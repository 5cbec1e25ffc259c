/**
 * What the Content Manager shows editors by default: readable labels and help under each field,
 * and the lesson's text as the title of each row of the lessons list.
 */

export interface FieldText {
  label: string;
  description?: string;
  /** Shown, not editable in the edit view. */
  readOnly?: boolean;
  /** Left out of the edit view. */
  hidden?: boolean;
}

export interface LayoutDefaults {
  fields: Record<string, FieldText>;
  settings?: Record<string, unknown>;
  /** Columns of the list view. */
  list?: string[];
}

export const POST_LAYOUT: LayoutDefaults = {
  fields: {
    title: { label: 'Title' },
    slug: { label: 'Slug', description: 'The post’s address: /api/blog/posts/{slug}' },
    excerpt: { label: 'Excerpt', description: 'A short summary for lists and feeds' },
    body: { label: 'Body' },
    originalDate: { label: 'Original date', description: 'The day the post was first written' },
    authorName: { label: 'Author name' },
    lessonsHeading: { label: 'Lessons heading', description: 'The line above the lessons' },
    lessons: { label: 'Lessons', description: 'Numbered in this order; drag to reorder' },
    commentsEnabled: { label: 'Comments enabled' },
    comments: { label: 'Comments' },
  },
  settings: { defaultSortBy: 'originalDate', defaultSortOrder: 'DESC' },
  list: ['id', 'title', 'originalDate', 'authorName', 'commentsEnabled'],
};

export const COMMENT_LAYOUT: LayoutDefaults = {
  fields: {
    post: { label: 'Post' },
    parent: { label: 'Replying to' },
    replies: { label: 'Replies' },
    authorName: { label: 'Author name' },
    authorEmail: { label: 'Author email', description: 'Private: never shown publicly' },
    authorUrl: { label: 'Author website' },
    content: { label: 'Content', description: 'Plain text, shown as written' },
    // The Content Manager reads a `status` field as draft & publish state and refuses other
    // values, so moderation status is changed through the plugin's moderation API instead.
    status: { label: 'Status', hidden: true },
    moderationReason: { label: 'Moderation reason', readOnly: true },
    ipHash: {
      label: 'IP hash',
      description: 'Private: a salted hash, never the address',
      readOnly: true,
    },
    userAgent: { label: 'User agent', description: 'Private', readOnly: true },
    submittedAt: { label: 'Submitted at' },
  },
  settings: { mainField: 'authorName', defaultSortBy: 'submittedAt', defaultSortOrder: 'DESC' },
  list: ['id', 'authorName', 'post', 'submittedAt', 'moderationReason'],
};

export const LESSON_LAYOUT: LayoutDefaults = {
  fields: { text: { label: 'Text' } },
  settings: { mainField: 'text' },
};
