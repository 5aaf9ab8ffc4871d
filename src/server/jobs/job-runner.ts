/**
 * A tiny in-process job runner: work that must not hold up the HTTP answer (a draw over a big
 * pool) is started here after the request has been answered (202), and updates its own status
 * in the database. `drain()` waits for running jobs (the app calls it on close, tests use it).
 * Failures are handed to `onError` (the app logs them); a job must record its own failed state.
 */
export interface JobRunner {
  /** Starts `work` on a later turn of the event loop. */
  start(name: string, work: () => Promise<void>): void;
  /** Resolves when no job is running. */
  drain(): Promise<void>;
  readonly running: number;
}

export function createJobRunner(onError: (name: string, error: unknown) => void): JobRunner {
  const jobs = new Set<Promise<void>>();
  return {
    start(name, work) {
      const job = new Promise<void>((resolve) => setImmediate(resolve))
        .then(work)
        .catch((error: unknown) => onError(name, error))
        .finally(() => { jobs.delete(job); });
      jobs.add(job);
    },
    async drain() {
      while (jobs.size > 0) await Promise.allSettled([...jobs]);
    },
    get running() {
      return jobs.size;
    },
  };
}

/** Yields to the event loop (between chunks of a long computation). */
export function yieldToEventLoop(): Promise<void> {
  return new Promise((resolve) => setImmediate(resolve));
}
