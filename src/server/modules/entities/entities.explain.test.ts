import { sql, type SQLWrapper } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { EntityFilter, EntitySort } from '../../../contracts/entities.ts';
import { rowsOf } from '../../db/database.ts';
import { makeDepartment } from '../../test/factories.ts';
import { createTestApp, testConfig, type TestApp } from '../../test/test-app.ts';
import { countQuery, entityWhere, exportBatchQuery, listEntitiesQuery, pagePlan } from './entities.repository.ts';
import { listEntitiesFor } from './entities.service.ts';
import { syntheticEntitiesSql } from './synthetic-entities.ts';

/**
 * The list's queries use the indexes: with 20 000 rows analysed, no common filter (nor the
 * default order) makes the planner read the whole entities table for a page, and the exact
 * count — run only when the planner expects few rows (at most 5 % of the table here,
 * 50 000 rows in production) — uses them too. Runs on PGlite and, with DATABASE_URL, on
 * PostgreSQL.
 */
const ROWS = 20_000;
let t: TestApp;
let deptA: string;

beforeAll(async () => {
  t = await createTestApp();
  deptA = (await makeDepartment(t.database.db)).id;
  const deptB = (await makeDepartment(t.database.db)).id;
  await t.database.db.execute(sql.raw(syntheticEntitiesSql(1, ROWS, deptA, deptB)));
  await t.database.db.execute(sql`analyze entities`);
}, 120_000);
afterAll(async () => {
  await t.close();
});

async function plan(query: SQLWrapper): Promise<string> {
  const result = await t.database.db.execute(sql`explain ${query}`);
  return rowsOf<Record<string, string>>(result).map((r) => Object.values(r)[0]).join('\n');
}

const cases: [string, EntityFilter, EntitySort?][] = [
  ['no filter (name order)', {}],
  ['no filter, by key', {}, 'key'],
  ['no filter, by risk class', {}, '-riskClass'],
  ['name prefix', { q: '侣僙' }],
  ['one-character prefix', { q: '侣' }],
  ['exact USCC', { q: '911300000000012345' }],
  ['exact key', { q: 'OBJ000000000120' }],
  ['kind subject', { kind: 'subject' }],
  ['kind object', { kind: 'object' }],
  ['industry', { industry: '道路客运' }],
  ['kind + industry', { kind: 'subject', industry: '机动车维修' }],
  ['focus area', { focusArea: '危险货物' }],
  ['tag', { tag: '重点监管' }],
  ['risk class D', { riskClass: 'D' }],
  ['risk class B', { riskClass: 'B' }],
  ['status active', { status: 'active' }],
  ['status deregistered', { status: 'deregistered' }],
  ['region', { regionCode: '130207' }],
  ['unclaimed', { claimed: 'no' }],
  ['claimed', { claimed: 'yes' }],
  ['claimed by', { claimedBy: '00000000-0000-4000-8000-000000000000' }],
  ['risk D + unclaimed', { riskClass: 'D', claimed: 'no' }],
  ['industry + risk C + focus area', { industry: '道路货运', riskClass: 'C', focusArea: '安全生产' }],
];

describe(`entity list plans at ${ROWS} rows`, () => {
  for (const [label, filter, sort] of cases) {
    it(`uses indexes: ${label}`, async () => {
      const where = entityWhere(filter.claimedBy ? { ...filter, claimedBy: deptA } : filter);
      const { estimate, indexOrder } = await pagePlan(t.database.db, where);
      const page = await plan(listEntitiesQuery(t.database.db, where, sort ?? 'name', 20, 0, indexOrder));
      expect(page, page).not.toMatch(/Seq Scan on entities/);
      // Page 21: browsing a few pages in keeps the index plan.
      const deeper = await plan(listEntitiesQuery(t.database.db, where, sort ?? 'name', 20, 400, indexOrder));
      expect(deeper, deeper).not.toMatch(/Seq Scan on entities/);
      if (estimate <= ROWS * 0.05) {
        const count = await plan(countQuery(t.database.db, where));
        expect(count, count).not.toMatch(/Seq Scan on entities/);
      }
    });
  }

  it('exports in keyset batches along the name index (no sort of the whole table per batch)', async () => {
    const [row] = rowsOf<{ name: string; id: string }>(await t.database.db.execute(sql`select name, id from entities order by name collate "C", id offset 5000 limit 1`));
    if (!row) throw new Error('no row');
    for (const filter of [{}, { status: 'active' as const }]) {
      const text = await plan(exportBatchQuery(t.database.db, entityWhere(filter), row, 2000));
      expect(text, text).not.toMatch(/Seq Scan on entities|Sort/);
    }
  });

  it('answers big matches with an estimated total, small ones exactly', async () => {
    const ctx = { db: t.database.db, config: testConfig, now: t.clock.now };
    const big = await listEntitiesFor(ctx, { status: 'active', page: 2, pageSize: 20, sort: 'name' }, { exactCountLimit: 5000 });
    if (!big.ok) throw new Error('list failed');
    expect(big.value.totalExact).toBe(false);
    expect(big.value.total).toBeGreaterThan(ROWS * 0.85);
    expect(big.value.total).toBeLessThan(ROWS * 1.05);
    const small = await listEntitiesFor(ctx, { riskClass: 'D', page: 2, pageSize: 10, sort: 'name' }, { exactCountLimit: 5000 });
    if (!small.ok) throw new Error('list failed');
    const [d] = rowsOf<{ n: string }>(await t.database.db.execute(sql`select count(*) as n from entities where risk_class = 'D'`));
    expect(small.value).toMatchObject({ totalExact: true, total: Number(d?.n) });
    expect(small.value.total).toBeGreaterThan(ROWS * 0.04);
  });
});
