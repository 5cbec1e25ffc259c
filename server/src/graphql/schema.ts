/**
 * The plugin's GraphQL schema, when `@strapi/plugin-graphql` is installed: the public reads and
 * the comment submission, with the same fields as the REST routes (contracts/) and no private
 * one. Strapi's generated CRUD for the plugin's types is turned off (graphql/register.ts).
 */
export const typeDefs = /* GraphQL */ `
  type BlogLesson {
    position: Int!
    text: String!
  }

  type BlogPost {
    documentId: ID!
    title: String!
    slug: String!
    excerpt: String
    "Strapi blocks, as the REST API answers them."
    body: JSON
    "The day the post was first written, YYYY-MM-DD."
    originalDate: String
    authorName: String
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
    parent: ID
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
  }

  enum BlogSubmissionStatus {
    approved
    pending
  }

  type BlogCommentSubmission {
    documentId: ID!
    "approved: shown now; pending: awaiting moderation."
    status: BlogSubmissionStatus!
  }

  enum BlogSortOrder {
    asc
    desc
  }

  extend type Query {
    "Published posts, newest first unless sort says otherwise (for example \\"title:asc\\")."
    blogPosts(page: Int, pageSize: Int, sort: [String!]): BlogPostPage!
    "A published post by slug, or null."
    blogPost(slug: String!): BlogPost
    "A published post's approved comments as threads."
    blogComments(slug: String!, page: Int, pageSize: Int, order: BlogSortOrder): BlogCommentPage!
    "A form token for a comment on this post, and the anti-bot rules to follow."
    blogCommentForm(slug: String!): BlogCommentForm!
  }

  extend type Mutation {
    "Submits a comment through the same moderation rules as POST /api/blog/posts/:slug/comments."
    createBlogComment(
      slug: String!
      data: BlogCommentInput!
      formToken: String
      "The hidden field a person leaves empty (its name is the form's honeypotField)."
      honeypot: String
    ): BlogCommentSubmission!
  }
`;
