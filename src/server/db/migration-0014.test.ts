import { cp, mkdtemp, readFile, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { PGlite } from '@electric-sql/pglite';
import { sql } from 'drizzle-orm';
import { drizzle } from 'drizzle-orm/pglite';
import { migrate } from 'drizzle-orm/pglite/migrator';
import { afterAll, describe, expect, it } from 'vitest';
import { makeDepartment } from '../test/factories.ts';
import { migrationsFolder, rowsOf, type Db } from './database.ts';

/**
 * Migration 0014 adds draws.strata_counts and fills it for draws frozen before it — completed
 * ones included, which the immutability guard otherwise refuses to touch (ADR 0009).
 */
const dirs: string[] = [];
afterAll(async () => {
  await Promise.all(dirs.map((d) => rm(d, { recursive: true, force: true })));
});

describe('migration 0014 (draw strata counts)', () => {
  it('fills the counts of existing draws, then guards them like the other frozen inputs', async () => {
    const before = await mkdtemp(path.join(tmpdir(), 'suiji-migrations-'));
    dirs.push(before);
    await cp(migrationsFolder, before, { recursive: true });
    const journalPath = path.join(before, 'meta', '_journal.json');
    const journal = JSON.parse(await readFile(journalPath, 'utf8')) as { entries: { tag: string }[] };
    journal.entries = journal.entries.filter((e) => e.tag < '0014');
    await writeFile(journalPath, JSON.stringify(journal));

    const client = new PGlite();
    const db = drizzle(client) as unknown as Db;
    try {
      await migrate(db as never, { migrationsFolder: before });
      const department = await makeDepartment(db);
      for (const [code, status] of [['OLD-1', 'completed'], ['OLD-2', 'frozen']] as const) {
        await db.execute(sql`insert into tasks (code, name, source, organizer_department_id, participating_department_ids, item_ids, scope, strata_plan,
            exclusion_rules, team_rules, period_from, period_to, status)
          values (${code}, '旧任务', 'ad_hoc', ${department.id}, array[${department.id}]::uuid[], '{}'::uuid[], '{}'::jsonb, '{}'::jsonb, '{}'::jsonb, '{}'::jsonb,
            '2026-03-01', '2026-03-31', 'frozen')`);
        await db.execute(sql`insert into draws (task_id, draw_id, attempt, status, frozen_at, freeze_date, strata, exclusions, unplanned, matching,
            list_hashes, scheme, confirm_workdays)
          select id, ${code}, 1, ${status}, now(), '2026-03-01',
            '[{"name":"B","quota":{"ratioBp":300},"candidates":["k1","k2","k3"]},{"name":"A","quota":{"count":1},"candidates":[]}]'::jsonb,
            '[]'::jsonb, '[]'::jsonb, '{}'::jsonb, '{}'::jsonb, '{}'::jsonb, 3 from tasks where code = ${code}`);
      }

      await migrate(db as never, { migrationsFolder });
      const rows = rowsOf<{ draw_id: string; strata_counts: unknown }>(await db.execute(sql`select draw_id, strata_counts from draws order by draw_id`));
      const counts = [{ name: 'B', quota: { ratioBp: 300 }, n: 3 }, { name: 'A', quota: { count: 1 }, n: 0 }];
      expect(rows).toEqual([{ draw_id: 'OLD-1', strata_counts: counts }, { draw_id: 'OLD-2', strata_counts: counts }]);
      // The guard is back, and now covers the counts: a frozen draw's counts cannot change.
      await expect(db.execute(sql`update draws set strata_counts = '[]'::jsonb where draw_id = 'OLD-2'`)).rejects.toMatchObject({ cause: { message: expect.stringContaining('冻结的抽取输入不能修改') } });
      await expect(db.execute(sql`update draws set status = 'seeded' where draw_id = 'OLD-1'`)).rejects.toThrow();
    } finally {
      await client.close();
    }
  }, 120_000);
});
