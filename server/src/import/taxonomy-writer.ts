import { createHash } from 'crypto';

import type { Core, UID } from '@strapi/strapi';

import type { ImportFormat, ImportTally } from '../../../contracts/imports';
import { AUTHOR_UID, CATEGORY_UID, TAG_UID } from '../../../contracts/plugin';

import type { SourceAuthor, SourceCategory, SourceTerm } from './source';
import { sameTerm, type StoredTerm } from './unchanged';

/**
 * The categories, tags and authors of an import: each created, or matched by its import key (an
 * earlier run of the same blog) or else by its slug (one made by hand: linked, left as it is).
 * Categories and tags go into one locale (the app's default), authors are not localized. Each is
 * looked up once per run (a map of slugs to documentIds), so a term shared by a thousand posts
 * costs one lookup. A dry run writes nothing and counts what an import would do.
 */

export type TermKind = 'category' | 'tag' | 'author';

const UIDS: Record<TermKind, string> = {
  category: CATEGORY_UID,
  tag: TAG_UID,
  author: AUTHOR_UID,
};
/** Longest name a category or tag takes (the model's); an author's. */
const MAX_NAME: Record<TermKind, number> = { category: 100, tag: 100, author: 245 };
const MAX_SLUG = 100;
const MAX_KEY = 255;

/** A slug Strapi's uid field takes (`A-Za-z0-9-_.~`), from WordPress's (maybe %-encoded) one. */
export const termSlug = (slug: string, kind: TermKind): string => {
  let text = slug;
  try {
    text = decodeURIComponent(slug);
  } catch {
    // Not %-encoded after all.
  }
  const cleaned = text
    .normalize('NFKD')
    .replace(/[\u0300-\u036f]/g, '')
    .toLowerCase()
    .replace(/[^a-z0-9]+/g, '-')
    .replace(/^-+|(?<!-)-+$/g, '')
    .slice(0, MAX_SLUG);
  // Nothing left (a name in another script): a stable slug from the original.
  return cleaned || `${kind}-${createHash('sha256').update(slug).digest('hex').slice(0, 10)}`;
};

const importKeyOf = (format: ImportFormat, scope: string | null, kind: TermKind, id: string) => {
  const key = scope ? `${format}:${scope}:${kind}:${id}` : `${format}:${kind}:${id}`;
  if (key.length <= MAX_KEY) return key;
  return `${key.slice(0, MAX_KEY - 17)}#${createHash('sha256').update(key).digest('hex').slice(0, 16)}`;
};

interface Found extends StoredTerm {
  documentId: string;
  importKey: string | null;
}

/** The fields an import writes, read back to leave a term that holds them already alone. */
const COMPARED: Record<TermKind, string[]> = {
  category: ['name', 'description'],
  tag: ['name'],
  author: ['name', 'url'],
};

export interface TaxonomyWriterOptions {
  format: ImportFormat;
  dryRun: boolean;
  /** The locale categories and tags are written in. */
  locale: string;
  tallies: Record<TermKind, ImportTally>;
}

export const createTaxonomyWriter = (strapi: Core.Strapi, options: TaxonomyWriterOptions) => {
  const { format, dryRun, locale, tallies } = options;
  /** documentIds by kind and slug (a dry run's new ones get a placeholder). */
  const known = new Map<string, string>();
  /** Author keys (WordPress logins, Blogger names) to the author's slug. */
  const authorSlugs = new Map<string, string>();

  const find = async (kind: TermKind, importKey: string, slug: string): Promise<Found | null> => {
    const query = strapi.db.query(UIDS[kind] as UID.ContentType);
    const inLocale = kind === 'author' ? {} : { locale };
    const select = ['documentId', 'importKey', ...COMPARED[kind]];
    const populate = kind === 'category' ? { parent: { select: ['documentId'] } } : undefined;
    return ((await query.findOne({ where: { importKey, ...inLocale }, select, populate })) ??
      (await query.findOne({ where: { slug, ...inLocale }, select }))) as Found | null;
  };

  /** The term's documentId, created or matched (see above); counted once per run. */
  const ensure = async (
    kind: TermKind,
    scope: string | null,
    sourceSlug: string,
    data: Record<string, unknown> & { name: string }
  ): Promise<string> => {
    const slug = termSlug(sourceSlug, kind);
    const cached = known.get(`${kind}:${slug}`);
    if (cached) return cached;
    const importKey = importKeyOf(format, scope, kind, slug);
    const found = await find(kind, importKey, slug);
    const fields = { ...data, name: data.name.slice(0, MAX_NAME[kind]) };
    let documentId: string;
    const documents = strapi.documents(UIDS[kind] as UID.ContentType);
    const inLocale = kind === 'author' ? {} : { locale };
    if (found) {
      documentId = found.documentId;
      // Only what an import made is brought up to date (when the file changed it); a hand-made
      // one is linked as it is: unchanged, as one that holds the file's fields already.
      if (found.importKey === importKey && !sameTerm(found, fields)) {
        if (!dryRun) await documents.update({ documentId, ...inLocale, data: fields } as never);
        tallies[kind].updated += 1;
      } else {
        tallies[kind].unchanged = (tallies[kind].unchanged ?? 0) + 1;
      }
    } else if (dryRun) {
      documentId = `(new ${kind} ${slug})`;
      tallies[kind].created += 1;
    } else {
      const created = (await documents.create({
        ...inLocale,
        data: { ...fields, slug, importKey },
      } as never)) as unknown as { documentId: string };
      documentId = created.documentId;
      tallies[kind].created += 1;
    }
    known.set(`${kind}:${slug}`, documentId);
    return documentId;
  };

  const category = async (scope: string | null, c: SourceCategory) => {
    const parent = c.parentSlug
      ? known.get(`category:${termSlug(c.parentSlug, 'category')}`)
      : null;
    return ensure('category', scope, c.slug, {
      name: c.name,
      description: c.description?.slice(0, 1000) ?? null,
      ...(parent && !dryRun && { parent }),
    });
  };

  const tag = (scope: string | null, t: SourceTerm) =>
    ensure('tag', scope, t.slug, { name: t.name });

  const author = async (scope: string | null, a: SourceAuthor) => {
    authorSlugs.set(a.key, termSlug(a.key, 'author'));
    return ensure('author', scope, a.key, { name: a.name, ...(a.url && { url: a.url }) });
  };

  return {
    category,
    tag,
    author,

    /** The documentIds of a post's categories, tags and author (created when the file did not declare them). */
    async linksOf(
      scope: string | null,
      post: {
        categories: SourceTerm[];
        tags: SourceTerm[];
        authorKey: string | null;
        authorName: string | null;
      }
    ) {
      const categories: string[] = [];
      for (const c of post.categories) {
        categories.push(await category(scope, { ...c, description: null, parentSlug: null }));
      }
      const tags: string[] = [];
      for (const t of post.tags) tags.push(await tag(scope, t));
      let authorId: string | null = null;
      if (post.authorKey) {
        const slug = authorSlugs.get(post.authorKey);
        authorId =
          (slug && known.get(`author:${slug}`)) ||
          (await author(scope, {
            key: post.authorKey,
            name: post.authorName ?? post.authorKey,
            url: null,
          }));
      }
      return {
        categories: [...new Set(categories)],
        tags: [...new Set(tags)],
        author: authorId,
      };
    },
  };
};

export type TaxonomyWriter = ReturnType<typeof createTaxonomyWriter>;
