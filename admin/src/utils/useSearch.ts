import { useEffect, useState } from 'react';

/**
 * A search box's text and the query it settles into 300 ms after typing stops; `onSettle` runs
 * then (the lists go back to their first page).
 */
export const useSearch = (onSettle: () => void) => {
  const [search, setSearch] = useState('');
  const [query, setQuery] = useState('');

  useEffect(() => {
    const timer = setTimeout(() => {
      onSettle();
      setQuery(search.trim());
    }, 300);
    return () => clearTimeout(timer);
    // The search text alone decides when to settle; onSettle is a fresh closure each render.
  }, [search]);

  return { search, setSearch, query };
};
