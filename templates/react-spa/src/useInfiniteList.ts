/**
 * A list read page by page through Pinterest bookmarks. `sentinelRef` goes on an element after the list: when
 * it scrolls into view the next page loads (IntersectionObserver); `loadMore` is there for a visible button,
 * so keyboard and assistive-technology users are not left out.
 */
import { useCallback, useEffect, useRef, useState } from 'react';
import type { PageView } from './api.js';

/** State and actions of a bookmark-paginated list (see {@link useInfiniteList}). */
export interface InfiniteList<T> {
  items: T[];
  loading: boolean;
  error: unknown;
  /** True once the last page (`bookmark: null`) arrived. */
  done: boolean;
  loadMore: () => void;
  /** Attach to an element below the list. */
  sentinelRef: (element: HTMLElement | null) => void;
}

/**
 * Loads the first page at once and the next ones on demand.
 * @param fetchPage reads one page; keep it stable (`useCallback`), a new function starts the list over
 */
export function useInfiniteList<T>(
  fetchPage: (bookmark: string | null) => Promise<PageView<T>>,
): InfiniteList<T> {
  const [items, setItems] = useState<T[]>([]);
  const [bookmark, setBookmark] = useState<string | null>(null);
  const [done, setDone] = useState(false);
  const [loading, setLoading] = useState(false);
  const [error, setError] = useState<unknown>(null);
  const [sentinel, setSentinel] = useState<HTMLElement | null>(null);
  const inFlight = useRef(false);
  // The fetcher changes when the list's identity changes (another board): start over.
  const generation = useRef(0);

  const load = useCallback(
    async (from: string | null, gen: number) => {
      if (inFlight.current) return;
      inFlight.current = true;
      setLoading(true);
      setError(null);
      try {
        const page = await fetchPage(from);
        if (gen !== generation.current) return;
        setItems((previous) => (from === null ? page.items : [...previous, ...page.items]));
        setBookmark(page.bookmark);
        setDone(page.bookmark === null);
      } catch (failure) {
        if (gen === generation.current) setError(failure);
      } finally {
        inFlight.current = false;
        if (gen === generation.current) setLoading(false);
      }
    },
    [fetchPage],
  );

  useEffect(() => {
    generation.current += 1;
    inFlight.current = false;
    setItems([]);
    setBookmark(null);
    setDone(false);
    void load(null, generation.current);
  }, [load]);

  const loadMore = useCallback(() => {
    if (!done && bookmark !== null && error === null) void load(bookmark, generation.current);
  }, [bookmark, done, error, load]);

  // Re-observed after every page: a fresh observer reports at once whether the sentinel is still visible.
  useEffect(() => {
    if (sentinel === null || done || loading || error !== null || typeof IntersectionObserver === 'undefined')
      return;
    const observer = new IntersectionObserver(
      (entries) => {
        if (entries.some((entry) => entry.isIntersecting)) loadMore();
      },
      { rootMargin: '200px 0px' },
    );
    observer.observe(sentinel);
    return () => observer.disconnect();
  }, [sentinel, done, loading, error, loadMore]);

  const retry = useCallback(() => {
    setError(null);
    void load(bookmark, generation.current);
  }, [bookmark, load]);

  return {
    items,
    loading,
    error,
    done,
    loadMore: error === null ? loadMore : retry,
    sentinelRef: setSentinel,
  };
}
