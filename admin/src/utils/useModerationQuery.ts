import { useEffect, useMemo, useRef, useState } from 'react';

import { useSearchParams } from 'react-router-dom';

import {
  readModerationQuery,
  writeModerationQuery,
  type ModerationQuery,
} from './moderation-query';

/**
 * The Moderation view's state in its address (moderation-query.ts), through react-router's
 * `useSearchParams` as Strapi's own list views keep theirs: `update` writes a change as a new
 * history entry (Back returns to the view before), or in place with `replace`.
 *
 * The search box's text settles into `q` 300 ms after typing stops (in place, back to page 1);
 * when the address changes under it (Back, Forward, a link), the box shows the address's `q`.
 */
export const useModerationQuery = () => {
  const [params, setParams] = useSearchParams();
  const key = params.toString();
  // The same object while the address stays the same.
  const query = useMemo(() => readModerationQuery(new URLSearchParams(key)), [key]);

  const update = (change: Partial<ModerationQuery>, { replace = false } = {}) =>
    setParams((current) => writeModerationQuery({ ...readModerationQuery(current), ...change }), {
      replace,
    });

  const [search, setSearch] = useState(query.q);
  const settled = useRef(query.q);
  settled.current = query.q;

  useEffect(() => {
    if (search.trim() !== query.q) setSearch(query.q);
    // Only a change of the address's `q` shows in the box; typing is not undone.
  }, [query.q]);

  useEffect(() => {
    const timer = setTimeout(() => {
      const q = search.trim();
      if (q !== settled.current) update({ q, page: 1 }, { replace: true });
    }, 300);
    return () => clearTimeout(timer);
    // The search text alone decides when to settle; `update` is a fresh closure each render.
  }, [search]);

  return { query, update, search, setSearch };
};
