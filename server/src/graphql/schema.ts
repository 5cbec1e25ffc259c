/**
 * The plugin's GraphQL schema, when `@strapi/plugin-graphql` is installed: the public reads and
 * the comment submission, with the same fields as the REST routes (contracts/) and no private
 * one. Images, SEO, categories, tags and authors are in schema-taxonomy.ts, the posts' filters
 * in filters.ts. Strapi's generated CRUD for the plugin's types is turned off (register.ts).
 */
export const typeDefs = /* GraphQL */ `
  type BlogLesson {
    position: Int!
    text: String!
  }

  type BlogPost {
    documentId: ID!
    "The language of this version of the post."
    locale: String!
    "The post's other published languages."
    localizations: [BlogPostLocalization!]!
    title: String!
    slug: String!
    excerpt: String
    "Strapi blocks, as the REST API answers them."
    body: JSON
    "The day the post was first written, YYYY-MM-DD."
    originalDate: String
    "The byline as written (imported posts, posts without an author)."
    authorName: String
    author: BlogAuthorRef
    cover: BlogMedia
    "In name order."
    categories: [BlogCategoryRef!]!
    "In name order."
    tags: [BlogTagRef!]!
    seo: BlogSeo!
    "Words of the body and the lessons."
    wordCount: Int!
    "Minutes to read at 230 words a minute, at least 1."
    readingMinutes: Int!
    lessonsHeading: String
    lessons: [BlogLesson!]!
    commentsEnabled: Boolean!
    "Approved comments only."
    commentCount: Int!
    createdAt: String!
    updatedAt: String!
    publishedAt: String!
  }

  type BlogPagination {
    page: Int!
    pageSize: Int!
    pageCount: Int!
    total: Int!
  }

  type BlogPostPage {
    data: [BlogPost!]!
    pagination: BlogPagination!
  }

  "An approved comment and its approved replies, as a thread shows them."
  type BlogComment {
    documentId: ID!
    authorName: String!
    authorUrl: String
    content: String!
    submittedAt: String
    "When its author last changed the text; null when never."
    editedAt: String
    parent: ID
    "A moderator's reply: show a staff badge beside authorName."
    staff: Boolean!
    replies: [BlogComment!]!
  }

  type BlogCommentPage {
    "Root comments, each with its replies."
    data: [BlogComment!]!
    pagination: BlogPagination!
  }

  type BlogCommentForm {
    formToken: String!
    honeypotField: String!
    minSubmitSeconds: Int!
    expiresAt: String!
  }

  input BlogCommentInput {
    authorName: String!
    authorEmail: String!
    authorUrl: String
    content: String!
    "The documentId of the comment this one answers."
    parent: ID
    "Mail the author asks for (a confirmation mail comes first)."
    notify: BlogCommentNotify
  }

  input BlogCommentNotify {
    "Replies to the author's comments on this post."
    replies: Boolean
    "Every new comment on this post."
    newComments: Boolean
    "The author's held comment being published."
    published: Boolean
  }

  enum BlogSubmissionStatus {
    approved
    pending
  }

  type BlogCommentSubmission {
    documentId: ID!
    "approved: shown now; pending: awaiting moderation."
    status: BlogSubmissionStatus!
    "Lets the author change the text until editableUntil (updateBlogComment); null when editing is off."
    editToken: String
    editableUntil: String
  }
  type BlogCommentEdit {
    documentId: ID!
    status: BlogSubmissionStatus!
    editedAt: String!
  }
  enum BlogReportReason {
    spam
    abuse
    off_topic
    personal_info
    other
  }
  type BlogCommentReport {
    documentId: ID!
    reported: Boolean!
  }

  enum BlogSortOrder {
    asc
    desc
  }

  extend type Query {
    """
    Published posts in a language (default: the app's default locale), newest first unless
    sort says otherwise (for example "title:asc").
    """
    blogPosts(
      locale: String
      filters: BlogPostFilters
      page: Int
      pageSize: Int
      sort: [String!]
    ): BlogPostPage!
    "A published post by its slug in a language, or null."
    blogPost(slug: String!, locale: String): BlogPost
    "A published post's approved comments as threads (the same in every language)."
    blogComments(
      slug: String!
      locale: String
      page: Int
      pageSize: Int
      order: BlogSortOrder
    ): BlogCommentPage!
    "A form token for a comment on this post, and the anti-bot rules to follow."
    blogCommentForm(slug: String!, locale: String): BlogCommentForm!
    "The categories of a language, in name order, with their published posts."
    blogCategories(locale: String, page: Int, pageSize: Int): BlogCategoryPage!
    "The tags of a language, in name order, with their published posts."
    blogTags(locale: String, page: Int, pageSize: Int): BlogTagPage!
    "Authors in name order, each with their published posts in a language."
    blogAuthors(locale: String, page: Int, pageSize: Int): BlogAuthorPage!
    "An author by slug, with their published posts in a language; or null."
    blogAuthor(slug: String!, locale: String): BlogAuthor
  }

  extend type Mutation {
    "Submits a comment through the same moderation rules as POST /api/blog/posts/:slug/comments."
    createBlogComment(
      slug: String!
      "The language of the page the comment is sent from (the post's slug is in it)."
      locale: String
      data: BlogCommentInput!
      formToken: String
      "The hidden field a person leaves empty (its name is the form's honeypotField)."
      honeypot: String
    ): BlogCommentSubmission!
    "The author's new text, within the edit window: PATCH /api/blog/comments/:documentId."
    updateBlogComment(documentId: ID!, content: String!, token: String!): BlogCommentEdit!
    "Reports an approved comment: POST /api/blog/comments/:documentId/reports."
    reportBlogComment(documentId: ID!, reason: BlogReportReason!, note: String): BlogCommentReport!
  }
`;
