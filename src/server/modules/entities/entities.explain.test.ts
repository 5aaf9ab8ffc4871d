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

  // Filters matching a few percent of the table whose rows sit anywhere in the name order:
  // the page must come from an index that ends in (name "C", id) — no sort of every match,
  // no walk of the name index filtering on the way (0.1–0.6 s at a million rows before 0006).
  const ordered: [string, EntityFilter, RegExp, EntitySort?][] = [
    ['region', { regionCode: '130207' }, /entities_region_name_idx/],
    ['unclaimed', { claimed: 'no' }, /entities_unclaimed_name_idx/],
    ['claimed by', { claimedBy: '00000000-0000-4000-8000-000000000000' }, /entities_claimed_by_name_idx/],
    // Either risk class index serves an equality in name order.
    ['risk class D', { riskClass: 'D' }, /entities_risk_class_(desc_)?name_idx/],
    ['no filter, by risk class', {}, /entities_risk_class_name_idx/, 'riskClass'],
    ['no filter, by risk class descending', {}, /entities_risk_class_desc_name_idx/, '-riskClass'],
  ];
  for (const [label, filter, index, sort] of ordered) {
    it(`pages in index order, without sorting the matches: ${label}`, async () => {
      const where = entityWhere(filter.claimedBy ? { ...filter, claimedBy: deptA } : filter);
      const { indexOrder } = await pagePlan(t.database.db, where);
      expect(indexOrder).toBe(true);
      // Pages 1 and 3. (Deep pages into 400 matches, at this table size, rightly prefer a bitmap
      // scan and a sort; at a million rows the matches number tens of thousands.)
      for (const offset of [0, 40]) {
        const page = await plan(listEntitiesQuery(t.database.db, where, sort ?? 'name', 20, offset, indexOrder));
        expect(page, page).toMatch(index);
        expect(page, page).not.toMatch(/Seq Scan on entities|Sort|Filter:/);
      }
      // The index order is the list's order: the same page as sorting every match.
      const ctx = { db: t.database.db, config: testConfig, now: t.clock.now };
      const listed = await listEntitiesFor(ctx, { ...(filter.claimedBy ? { ...filter, claimedBy: deptA } : filter), page: 3, pageSize: 20, sort: sort ?? 'name' });
      if (!listed.ok) throw new Error('list failed');
      const order = sort === 'riskClass' ? sql`risk_class, name collate "C", id`
        : sort === '-riskClass' ? sql`risk_class desc, name collate "C", id` : sql`name collate "C", id`;
      const expected = rowsOf<{ id: string }>(await t.database.db.execute(
        sql`select id from entities ${where ? sql`where ${where}` : sql``} order by ${order} offset 40 limit 20`,
      )).map((r) => r.id);
      expect(expected).toHaveLength(20);
      expect(listed.value.items.map((e) => e.id)).toEqual(expected);
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
