import { sql } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { entities, riskSnapshots } from '../../db/schema-directory.ts';
import { createTestApp, type TestApp } from '../../test/test-app.ts';
import { selectCandidates } from './tasks.repository.ts';

/** What the freeze reads from the directory: the class in force on the freeze date (one pass over the snapshots). */
let t: TestApp;
beforeAll(async () => {
  t = await createTestApp();
}, 60_000);
afterAll(async () => {
  await t.close();
});

describe('selectCandidates', () => {
  it('takes the latest snapshot in force, U when none is in force yet, the entity’s class without snapshots; keys in byte order', async () => {
    const db = t.database.db;
    const make = async (key: string, riskClass: string, snapshots: [string, string][]) => {
      const [row] = await db.insert(entities).values({ kind: 'subject', key, name: `测试${key}`, status: 'active', riskClass, regionCode: '130227' })
        .returning({ id: entities.id });
      if (!row) throw new Error('no entity');
      if (snapshots.length > 0) await db.insert(riskSnapshots).values(snapshots.map(([effectiveFrom, cls]) => ({ entityId: row.id, effectiveFrom, riskClass: cls })));
    };
    await make('SNAP-b', 'A', []);
    await make('SNAP-a', 'A', [['2025-01-01', 'C'], ['2026-01-01', 'D'], ['2026-06-01', 'A']]);
    await make('SNAP-c', 'B', [['2026-06-01', 'D']]);
    await make('SNAP-Z', 'C', [['2026-03-10', 'B']]);
    const rows = await selectCandidates(db, sql`${entities.key} like 'SNAP-%'`, '2026-03-10');
    expect(rows).toEqual([
      { key: 'SNAP-Z', status: 'active', riskClass: 'B' },
      { key: 'SNAP-a', status: 'active', riskClass: 'D' },
      { key: 'SNAP-b', status: 'active', riskClass: 'A' },
      { key: 'SNAP-c', status: 'active', riskClass: 'U' },
    ]);
  });
});
