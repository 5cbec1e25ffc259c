/**
 * An image from Strapi's Media Library as the public routes answer it: the file's URL, its
 * alternative text, its size and the smaller formats Strapi made of it (thumbnail, small, …).
 */
export interface MediaFormat {
  url: string;
  width: number | null;
  height: number | null;
  mime: string | null;
}

export interface Media {
  url: string;
  alternativeText: string | null;
  caption: string | null;
  width: number | null;
  height: number | null;
  mime: string | null;
  /** Keyed by Strapi's format name (`thumbnail`, `small`, `medium`, `large`). */
  formats: Record<string, MediaFormat>;
}
