/** A count as a badge shows it: nothing for none, "99+" past 99. */
export const countLabel = (count: number | null | undefined): string | null => {
  if (!count || count < 1) return null;
  return count > 99 ? '99+' : String(count);
};

/** How often the menu's pending count is read again while the admin is open. */
export const PENDING_POLL_MS = 60_000;
