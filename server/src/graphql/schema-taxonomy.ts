/**
 * The GraphQL types of images, SEO, categories, tags and authors: the fields of the REST
 * contracts (contracts/media.ts, posts.ts, taxonomy.ts) and nothing else (no admin user, no
 * import key, nothing about who uploaded a file). A `…Ref` is what a post shows; the plain type
 * is the list's (or the author's page), with its count of published posts.
 */
export const taxonomyTypeDefs = /* GraphQL */ `
  "A smaller version Strapi made of an image."
  type BlogMediaFormat {
    "thumbnail, small, medium or large"
    name: String!
    url: String!
    width: Int
    height: Int
    mime: String
  }

  "An image from Strapi's Media Library."
  type BlogMedia {
    url: String!
    alternativeText: String
    caption: String
    width: Int
    height: Int
    mime: String
    "In the order REST answers them."
    formats: [BlogMediaFormat!]!
  }

  "What search engines and link previews show for a post."
  type BlogSeo {
    metaTitle: String
    metaDescription: String
    canonicalUrl: String
    ogImage: BlogMedia
    "When true, a site should answer noindex; the post is not in the sitemap."
    noIndex: Boolean!
  }

  "Another published language of a post, for hreflang links."
  type BlogPostLocalization {
    locale: String!
    slug: String!
  }

  type BlogCategoryParent {
    documentId: ID!
    name: String!
    slug: String!
  }

  "A category as a post shows it."
  type BlogCategoryRef {
    documentId: ID!
    name: String!
    slug: String!
    locale: String!
    parent: BlogCategoryParent
  }

  type BlogCategory {
    documentId: ID!
    name: String!
    slug: String!
    locale: String!
    parent: BlogCategoryParent
    description: String
    "Published posts in this category, in this locale."
    postCount: Int!
  }

  "A tag as a post shows it."
  type BlogTagRef {
    documentId: ID!
    name: String!
    slug: String!
    locale: String!
  }

  type BlogTag {
    documentId: ID!
    name: String!
    slug: String!
    locale: String!
    "Published posts with this tag, in this locale."
    postCount: Int!
  }

  "An author as a post shows it."
  type BlogAuthorRef {
    documentId: ID!
    name: String!
    slug: String!
    url: String
    avatar: BlogMedia
  }

  type BlogAuthor {
    documentId: ID!
    name: String!
    slug: String!
    url: String
    avatar: BlogMedia
    bio: String
    "Published posts signed by this author, in the requested locale."
    postCount: Int!
  }

  type BlogCategoryPage {
    data: [BlogCategory!]!
    pagination: BlogPagination!
  }

  type BlogTagPage {
    data: [BlogTag!]!
    pagination: BlogPagination!
  }

  type BlogAuthorPage {
    data: [BlogAuthor!]!
    pagination: BlogPagination!
  }
`;
