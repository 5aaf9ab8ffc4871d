import type { z } from 'zod';
import type { publicEntityResultsSchema } from '../../../contracts/inspections.ts';
import type { Db } from '../../db/database.ts';
import type { ServiceContext } from '../../http/context.ts';

/**
 * The portal's per-object answer (GET /api/v1/public/results/:key), kept in this process:
 * the presented answer and its JSON bytes, per object key (the USCC for a 主体), LRU, bounded
 * in entries and bytes, one cache per database (tests run several apps in one process).
 *
 * What the answer shows, and the one write path that changes each — every one of them calls
 * invalidatePublicResults / invalidateAllPublicResults after its transaction commits:
 *   - result versions and codes:       publish, correction            (inspections.service.ts)
 *   - follow-up status:                measure, transfer, progress, close, added measure
 *                                      (followups.service.ts; the first follow-up opens with publish)
 *   - entity name / USCC:              entity edit (entities.service.ts), imports (import-runner.ts)
 *   - inspecting body (department names): department edit          (organizations.service.ts)
 *   - plan title and year:             plan publication               (plans.service.ts)
 *   - task code, name, scope:          only editable while the task is a draft, before any
 *                                      inspection exists: nothing to invalidate
 * Archiving is not shown on the portal. Writes from another process (the `suiji` CLI, a
 * second server instance behind a load balancer) cannot reach this cache: the TTL bounds how
 * long such an answer stays stale (30 s by default — a published result is due within 20
 * working days; half a minute more before another instance shows it is acceptable).
 */
export interface CacheLimits {
  maxEntries: number;
  maxBytes: number;
  ttlMs: number;
}

/** About 1–2 KB per object with a result: 20,000 objects fit in ~40 MB at most. */
export const publicResultsCacheLimits: CacheLimits = { maxEntries: 20_000, maxBytes: 64 * 1024 * 1024, ttlMs: 30_000 };

/** A least-recently-used map with a time to live, bounded in entries and in bytes. Time is passed in (ctx.now()). */
export class LruTtlCache<V> {
  private readonly entries = new Map<string, { value: V; bytes: number; expiresAt: number }>();
  private totalBytes = 0;
  /** Bumped by every invalidation: a load that started before one must not store its (older) answer. */
  generation = 0;

  constructor(private readonly limits: CacheLimits) {}

  get size(): number {
    return this.entries.size;
  }

  get bytes(): number {
    return this.totalBytes;
  }

  get(key: string, nowMs: number): V | undefined {
    const entry = this.entries.get(key);
    if (!entry) return undefined;
    this.entries.delete(key);
    if (entry.expiresAt <= nowMs) {
      this.totalBytes -= entry.bytes;
      return undefined;
    }
    // Re-inserted last: Map keeps insertion order, so the first key is the least recently used.
    this.entries.set(key, entry);
    return entry.value;
  }

  set(key: string, value: V, bytes: number, nowMs: number): void {
    this.remove(key);
    if (bytes > this.limits.maxBytes) return;
    this.entries.set(key, { value, bytes, expiresAt: nowMs + this.limits.ttlMs });
    this.totalBytes += bytes;
    for (const oldest of this.entries.keys()) {
      if (this.entries.size <= this.limits.maxEntries && this.totalBytes <= this.limits.maxBytes) break;
      this.remove(oldest);
    }
  }

  invalidate(key: string): void {
    this.generation += 1;
    this.remove(key);
  }

  invalidateAll(): void {
    this.generation += 1;
    this.entries.clear();
    this.totalBytes = 0;
  }

  private remove(key: string): void {
    const entry = this.entries.get(key);
    if (!entry) return;
    this.entries.delete(key);
    this.totalBytes -= entry.bytes;
  }
}

/** The answer of GET /api/v1/public/results/:key. */
export type PublicEntityResults = z.infer<typeof publicEntityResultsSchema>;

export interface CachedPublicAnswer {
  answer: PublicEntityResults;
  /** The answer as JSON, sent as it is (the presenter's typed output, checked against the schema in tests). */
  json: Buffer;
}

interface PerDatabase {
  cache: LruTtlCache<CachedPublicAnswer>;
  /** Loads in flight, so that many requests for one object after an invalidation run one query. */
  loading: Map<string, Promise<CachedPublicAnswer | null>>;
}

const perDatabase = new WeakMap<Db, PerDatabase>();

function stateOf(db: Db): PerDatabase {
  let state = perDatabase.get(db);
  if (!state) {
    state = { cache: new LruTtlCache(publicResultsCacheLimits), loading: new Map() };
    perDatabase.set(db, state);
  }
  return state;
}

/** After a committed change to what the portal shows for one object. */
export function invalidatePublicResults(db: Db, objectKey: string): void {
  const state = stateOf(db);
  state.cache.invalidate(objectKey);
  state.loading.delete(objectKey);
}

/** After a committed change that can show on many objects' answers (a department, a plan, an import). */
export function invalidateAllPublicResults(db: Db): void {
  const state = stateOf(db);
  state.cache.invalidateAll();
  state.loading.clear();
}

/** The cached answer for an object, or `load`'s (stored unless an invalidation happened meanwhile); null: no such object. */
export function cachedPublicAnswer(ctx: ServiceContext, objectKey: string, load: () => Promise<PublicEntityResults | null>): Promise<CachedPublicAnswer | null> {
  const { cache, loading } = stateOf(ctx.db);
  const hit = cache.get(objectKey, ctx.now().getTime());
  if (hit) return Promise.resolve(hit);
  const pending = loading.get(objectKey);
  if (pending) return pending;
  const generation = cache.generation;
  const promise = (async () => {
    const answer = await load();
    if (answer === null) return null;
    const entry = { answer, json: Buffer.from(JSON.stringify(answer)) };
    if (cache.generation === generation) cache.set(objectKey, entry, entry.json.length, ctx.now().getTime());
    return entry;
  })().finally(() => {
    if (loading.get(objectKey) === promise) loading.delete(objectKey);
  });
  loading.set(objectKey, promise);
  return promise;
}
