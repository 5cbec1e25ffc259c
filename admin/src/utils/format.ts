/** Content as the moderation list shows it: one line, cut at `max` characters. */
export const excerpt = (text: string, max = 140): string => {
  const line = text.replace(/\s+/g, ' ').trim();
  return line.length > max ? `${line.slice(0, max - 1)}…` : line;
};

/** The Content Manager's edit view of a post. */
export const postEditPath = (documentId: string) =>
  `/content-manager/collection-types/plugin::blog.post/${documentId}`;
