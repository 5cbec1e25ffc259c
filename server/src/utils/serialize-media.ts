import type { Media, MediaFormat } from '../../../contracts/media';

/** A Media Library file row as the query engine reads it (the columns `MEDIA_SELECT` names). */
export interface MediaRow {
  url?: string | null;
  alternativeText?: string | null;
  caption?: string | null;
  width?: number | null;
  height?: number | null;
  mime?: string | null;
  formats?: unknown;
}

/** The file columns a public answer shows: nothing about who uploaded it, where or how. */
export const MEDIA_SELECT = [
  'url',
  'alternativeText',
  'caption',
  'width',
  'height',
  'mime',
  'formats',
];

const numberOrNull = (value: unknown) =>
  typeof value === 'number' && Number.isFinite(value) ? value : null;
const stringOrNull = (value: unknown) => (typeof value === 'string' ? value : null);

const formatsOf = (value: unknown): Record<string, MediaFormat> => {
  let formats = value;
  if (typeof formats === 'string') {
    try {
      formats = JSON.parse(formats);
    } catch {
      return {};
    }
  }
  const out: Record<string, MediaFormat> = {};
  if (!formats || typeof formats !== 'object' || Array.isArray(formats)) return out;
  for (const [name, format] of Object.entries(formats as Record<string, unknown>)) {
    if (!format || typeof format !== 'object') continue;
    const { url, width, height, mime } = format as Record<string, unknown>;
    if (typeof url !== 'string') continue;
    out[name] = {
      url,
      width: numberOrNull(width),
      height: numberOrNull(height),
      mime: stringOrNull(mime),
    };
  }
  return out;
};

/** A public image, field by field; null when there is none. */
export const toPublicMedia = (row: MediaRow | null | undefined): Media | null => {
  if (!row || typeof row.url !== 'string') return null;
  return {
    url: row.url,
    alternativeText: stringOrNull(row.alternativeText),
    caption: stringOrNull(row.caption),
    width: numberOrNull(row.width),
    height: numberOrNull(row.height),
    mime: stringOrNull(row.mime),
    formats: formatsOf(row.formats),
  };
};
