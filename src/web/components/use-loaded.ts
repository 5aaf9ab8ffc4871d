import { useCallback, useEffect, useRef, useState } from 'react';
import { useProblemReporter } from './problem.ts';

export interface Loaded<T> {
  data: T | null;
  loading: boolean;
  /** Load again with the current query (after a change the list must show). */
  reload: () => Promise<void>;
}

/**
 * The data of a page for its current query (filters, page): loads when the query changes,
 * shows problems in a message, and ignores answers that come back after a newer request was
 * made, so a slow first page never overwrites the second. `fetcher` must be stable (a module
 * function, or wrapped in useCallback).
 */
export function useLoaded<Q, T>(fetcher: (query: Q) => Promise<T>, query: Q): Loaded<T> {
  const [data, setData] = useState<T | null>(null);
  const [loading, setLoading] = useState(false);
  const report = useProblemReporter();
  const latest = useRef(0);
  const current = useRef(query);
  current.current = query;

  const run = useCallback(async (q: Q) => {
    const request = ++latest.current;
    setLoading(true);
    try {
      const result = await fetcher(q);
      if (request === latest.current) setData(result);
    } catch (error) {
      if (request === latest.current) report(error);
    } finally {
      if (request === latest.current) setLoading(false);
    }
  }, [fetcher, report]);

  useEffect(() => { void run(query); }, [run, query]);
  const reload = useCallback(() => run(current.current), [run]);
  return { data, loading, reload };
}
