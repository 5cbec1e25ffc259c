import type { Core, UID } from '@strapi/strapi';
import { errors } from '@strapi/utils';

import { POST_UID } from '../../../contracts/plugin';
import { getPluginConfig } from '../utils/plugin-config';

/**
 * The size cap of a post (`limits.postBytes`): its content as JSON, in UTF-8 bytes. A post is
 * served whole by the public routes and the feed, so one huge post would make every later read
 * huge; the Document Service refuses a save over the cap (whatever saves it: the Content
 * Manager, code, the importer) with a 400 naming the limit, and the importer skips such a post.
 */

/** The fields a post's size counts: what the public routes serve of it. */
const CONTENT_FIELDS = [
  'title',
  'slug',
  'excerpt',
  'body',
  'authorName',
  'lessonsHeading',
  'lessons',
] as const;

/** Bytes of a post's content fields as JSON (fields absent from `data` count nothing). */
export const postContentBytes = (data: Record<string, unknown> | null | undefined): number => {
  const content: Record<string, unknown> = {};
  for (const field of CONTENT_FIELDS) {
    if (data && data[field] !== undefined) content[field] = data[field];
  }
  return Buffer.byteLength(JSON.stringify(content), 'utf8');
};

/** Why a post of `bytes` is refused under `max`, or null when it fits. */
export const postSizeProblem = (bytes: number, max: number): string | null =>
  bytes > max
    ? `The post is ${bytes.toLocaleString('en-US')} bytes as JSON, over the limit of ${max.toLocaleString('en-US')} bytes (limits.postBytes)`
    : null;

interface PostContext {
  action: string;
  params: { documentId?: string; data?: Record<string, unknown> } & Record<string, unknown>;
}

const SAVES = ['create', 'update'];

/**
 * Refuses a create, update or publish of a post whose content is over `limits.postBytes`
 * (a publish measures the draft it publishes: one query).
 */
export const checkPostSize = async (strapi: Core.Strapi, context: PostContext): Promise<void> => {
  const max = getPluginConfig(strapi).limits.postBytes;
  let data: Record<string, unknown> | null | undefined;
  if (SAVES.includes(context.action)) data = context.params.data;
  else if (context.action === 'publish' && context.params.documentId) {
    data = (await strapi.db.query(POST_UID as UID.ContentType).findOne({
      where: { documentId: context.params.documentId, publishedAt: null },
      select: CONTENT_FIELDS.filter((field) => field !== 'lessons'),
      populate: { lessons: { select: ['text'] } },
    })) as Record<string, unknown> | null;
  } else return;
  const bytes = postContentBytes(data);
  const problem = postSizeProblem(bytes, max);
  if (problem) {
    throw new errors.ValidationError(problem, { limit: 'postBytes', max, bytes });
  }
};
