import { describe, expect, it } from 'vitest';
import type { Db } from '../../db/database.ts';
import type { ServiceContext } from '../../http/context.ts';
import { testConfig } from '../../test/test-app.ts';
import {
  cachedPublicAnswer, invalidateAllPublicResults, invalidatePublicResults, LruTtlCache, publicResultsCacheLimits, type PublicEntityResults,
} from './public-results.cache.ts';

const answer = (name: string): PublicEntityResults => ({ entity: { key: 'K', name, uscc: null }, results: [] });

/** A context on a database of its own (the cache is per database) with a clock the test moves. */
function context(): ServiceContext & { advance(ms: number): void } {
  let now = Date.parse('2026-03-02T01:00:00Z');
  return { db: {} as Db, config: testConfig, now: () => new Date(now), advance: (ms) => { now += ms; } };
}

describe('LruTtlCache', () => {
  it('evicts the least recently used entry beyond the entry bound', () => {
    const cache = new LruTtlCache<string>({ maxEntries: 2, maxBytes: 1000, ttlMs: 60_000 });
    cache.set('a', 'A', 1, 0);
    cache.set('b', 'B', 1, 0);
    expect(cache.get('a', 0)).toBe('A'); // a is now the most recently used
    cache.set('c', 'C', 1, 0);
    expect([cache.get('a', 0), cache.get('b', 0), cache.get('c', 0)]).toEqual(['A', undefined, 'C']);
    expect(cache.size).toBe(2);
  });

  it('stays within the byte bound and refuses an entry larger than all of it', () => {
    const cache = new LruTtlCache<string>({ maxEntries: 100, maxBytes: 10, ttlMs: 60_000 });
    cache.set('a', 'A', 6, 0);
    cache.set('b', 'B', 6, 0);
    expect(cache.get('a', 0)).toBeUndefined();
    expect(cache.bytes).toBe(6);
    cache.set('huge', 'H', 11, 0);
    expect(cache.get('huge', 0)).toBeUndefined();
    expect(cache.get('b', 0)).toBe('B');
    cache.set('b', 'B2', 4, 0); // replacing an entry counts its bytes once
    expect(cache.bytes).toBe(4);
  });

  it('forgets an entry at its time to live', () => {
    const cache = new LruTtlCache<string>({ maxEntries: 10, maxBytes: 100, ttlMs: 1000 });
    cache.set('a', 'A', 5, 0);
    expect(cache.get('a', 999)).toBe('A');
    expect(cache.get('a', 1000)).toBeUndefined();
    expect([cache.size, cache.bytes]).toEqual([0, 0]);
  });

  it('drops one key or every key, and counts each invalidation', () => {
    const cache = new LruTtlCache<string>({ maxEntries: 10, maxBytes: 100, ttlMs: 1000 });
    cache.set('a', 'A', 1, 0);
    cache.set('b', 'B', 1, 0);
    cache.invalidate('a');
    expect([cache.get('a', 0), cache.get('b', 0), cache.generation]).toEqual([undefined, 'B', 1]);
    cache.invalidateAll();
    expect([cache.get('b', 0), cache.size, cache.bytes, cache.generation]).toEqual([undefined, 0, 0, 2]);
  });
});

describe('cachedPublicAnswer', () => {
  it('loads once, then answers from the cache until the TTL (by ctx.now()) or an invalidation', async () => {
    const ctx = context();
    let loads = 0;
    const load = async () => answer(`v${++loads}`);
    expect((await cachedPublicAnswer(ctx, 'K', load))?.answer.entity.name).toBe('v1');
    const second = await cachedPublicAnswer(ctx, 'K', load);
    expect(second?.answer.entity.name).toBe('v1');
    expect(JSON.parse(second?.json.toString() ?? '')).toEqual(answer('v1'));
    ctx.advance(publicResultsCacheLimits.ttlMs);
    expect((await cachedPublicAnswer(ctx, 'K', load))?.answer.entity.name).toBe('v2');
    invalidatePublicResults(ctx.db, 'K');
    expect((await cachedPublicAnswer(ctx, 'K', load))?.answer.entity.name).toBe('v3');
    invalidateAllPublicResults(ctx.db);
    expect((await cachedPublicAnswer(ctx, 'K', load))?.answer.entity.name).toBe('v4');
    // Another database has a cache of its own.
    expect((await cachedPublicAnswer({ ...ctx, db: {} as Db }, 'K', load))?.answer.entity.name).toBe('v5');
  });

  it('runs one load for concurrent requests, and does not cache an unknown object', async () => {
    const ctx = context();
    let loads = 0;
    const slow = async () => { loads += 1; await new Promise((r) => setTimeout(r, 5)); return answer('once'); };
    const all = await Promise.all([1, 2, 3].map(() => cachedPublicAnswer(ctx, 'K', slow)));
    expect(all.map((a) => a?.answer.entity.name)).toEqual(['once', 'once', 'once']);
    expect(loads).toBe(1);
    let misses = 0;
    const none = async () => { misses += 1; return null; };
    expect(await cachedPublicAnswer(ctx, 'X', none)).toBeNull();
    expect(await cachedPublicAnswer(ctx, 'X', none)).toBeNull();
    expect(misses).toBe(2);
  });

  it('does not store an answer loaded across an invalidation (it may predate the change), nor hand it to later requests', async () => {
    const ctx = context();
    let release: () => void = () => {};
    const gate = new Promise<void>((r) => { release = r; });
    const stale = cachedPublicAnswer(ctx, 'K', async () => { await gate; return answer('before the change'); });
    invalidatePublicResults(ctx.db, 'K'); // the write commits while the load is in flight
    const fresh = cachedPublicAnswer(ctx, 'K', async () => answer('after the change'));
    release();
    expect((await stale)?.answer.entity.name).toBe('before the change');
    expect((await fresh)?.answer.entity.name).toBe('after the change');
    expect((await cachedPublicAnswer(ctx, 'K', async () => answer('reloaded')))?.answer.entity.name).toBe('after the change');
  });
});
