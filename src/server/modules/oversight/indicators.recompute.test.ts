import { sql } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { anomalyListSchema, statsIndicatorsSchema, statsReportSchema, type IndicatorsView, type StatsIndicators } from '../../../contracts/oversight.ts';
import { callbackSummarySchema } from '../../../contracts/callbacks.ts';
import { rowsOf } from '../../db/database.ts';
import { makeSession, makeUser, type TestSession } from '../../test/factories.ts';
import { createTestApp, type TestApp } from '../../test/test-app.ts';
import { seedDemo } from '../../demo/seed-demo.ts';
import { buildOversightYear, type OversightYear } from './oversight-fixtures.ts';

/**
 * Acceptance (issue #7): every dashboard figure, recomputed with independent SQL straight
 * from the tables (not through oversight.repository.ts or the domain functions), must equal
 * what the API serves. The year's population is "tasks whose period starts in the year";
 * a department's figures are those of the tasks it organises and of its plan.
 */

let t: TestApp;
let oversight: TestSession;
let data: OversightYear;
const YEAR = 2025;

beforeAll(async () => {
  t = await createTestApp();
  data = await buildOversightYear(t.database.db);
  const user = await makeUser(t.database.db, { roles: ['oversight'], departmentId: data.departments.a });
  oversight = await makeSession(t.database.db, user, t.clock.now());
});
afterAll(async () => {
  await t.close();
});

/** The app the queries run on: the built year, then the demo data. */
let current: TestApp;
let YEAR_ = YEAR;

async function rows<T>(query: ReturnType<typeof sql>): Promise<T[]> {
  return rowsOf<T>(await current.database.db.execute(query));
}
async function one<T>(query: ReturnType<typeof sql>): Promise<T> {
  const [row] = await rows<T>(query);
  if (!row) throw new Error('no row');
  return row;
}

/** The year's tasks of one department (null: all), with the department filter in SQL. */
const yearTasks = (dept: string | null) => sql`(select id from tasks where period_from >= ${`${YEAR_}-01-01`}::date and period_from < ${`${YEAR_ + 1}-01-01`}::date
  and (${dept}::uuid is null or organizer_department_id = ${dept}::uuid))`;

/** An entity in a plan line's scope: every non-empty filter of the line holds (empty = any). */
const inLineScope = sql`
  (jsonb_array_length(l->'scope'->'industries') = 0 or e.industry in (select jsonb_array_elements_text(l->'scope'->'industries')))
  and (jsonb_array_length(l->'scope'->'focusAreas') = 0 or e.focus_areas && array(select jsonb_array_elements_text(l->'scope'->'focusAreas')))
  and (jsonb_array_length(l->'scope'->'regionCodes') = 0 or e.region_code in (select jsonb_array_elements_text(l->'scope'->'regionCodes')))
  and (jsonb_array_length(l->'scope'->'kinds') = 0 or e.kind in (select jsonb_array_elements_text(l->'scope'->'kinds')))
  and (jsonb_array_length(l->'scope'->'objectKinds') = 0 or e.object_kind in (select jsonb_array_elements_text(l->'scope'->'objectKinds')))
  and (jsonb_array_length(l->'scope'->'statuses') = 0 or e.status in (select jsonb_array_elements_text(l->'scope'->'statuses')))
  and (jsonb_array_length(l->'scope'->'tags') = 0 or e.tags && array(select jsonb_array_elements_text(l->'scope'->'tags')))`;

const ratio = (num: number, den: number) => (den === 0 ? null : num / den);

async function recompute(dept: string | null) {
  const directory = Number((await one<{ n: string }>(sql`
    select count(*) as n from entities e where e.status = 'active' and exists (
      select 1 from plans p join plan_versions v on v.plan_id = p.id and v.version = p.current_version, jsonb_array_elements(v.lines) l
      where p.year = ${YEAR_} and (${dept}::uuid is null or p.department_id = ${dept}::uuid) and ${inLineScope})`)).n);
  const onTime = await rows<{ on_time: boolean }>(sql`
    select min((v.published_at at time zone 'Asia/Shanghai')::date) <= make_date(${YEAR_}, 1, 31) as on_time
    from plans p join plan_versions v on v.plan_id = p.id
    where p.year = ${YEAR_} and (${dept}::uuid is null or p.department_id = ${dept}::uuid) group by p.id`);
  const taskCounts = await one<{ n: string; joint: string }>(sql`
    select count(*) as n, count(*) filter (where cardinality(participating_department_ids) > 1) as joint from tasks where id in ${yearTasks(dept)}`);
  const results = await one<{ n: string; published: string; on_time: string; problems: string; entities: string }>(sql`
    select count(*) as n,
      count(*) filter (where i.published_version > 0) as published,
      count(*) filter (where exists (select 1 from inspection_results r where r.inspection_id = i.id and r.version = 1 and r.published_on <= r.deadline)) as on_time,
      count(*) filter (where (select r.codes from inspection_results r where r.inspection_id = i.id order by r.version desc limit 1) && array['A', 'E']) as problems,
      count(distinct i.object_key) filter (where i.published_version > 0) as entities
    from inspections i where i.task_id in ${yearTasks(dept)}`);
  const byClass = await rows<{ risk_class: string; n: string; problems: string }>(sql`
    select e.risk_class, count(*) as n,
      count(*) filter (where (select r.codes from inspection_results r where r.inspection_id = i.id order by r.version desc limit 1) && array['A', 'E']) as problems
    from inspections i join entities e on e.key = i.object_key
    where i.task_id in ${yearTasks(dept)} and i.published_version > 0 group by e.risk_class`);
  const follow = await one<{ n: string; closed: string }>(sql`
    select count(*) as n, count(*) filter (where f.status = 'closed') as closed
    from follow_ups f join inspections i on i.id = f.inspection_id where i.task_id in ${yearTasks(dept)}`);
  const loads = await rows<{ officer: string; n: string }>(sql`
    select coalesce(rp.replacement_officer_key, o.officer) as officer, count(*) as n
    from inspections i join draws d on d.id = i.draw_id
      cross join lateral jsonb_array_elements(d.output->'assignments') a
      cross join lateral jsonb_array_elements_text(a->'officers') o(officer)
      left join draw_replacements rp on rp.draw_id = d.id and rp.object_key = i.object_key and rp.replaced_officer_key = o.officer
    where i.task_id in ${yearTasks(dept)} and a->>'object' = i.object_key
    group by 1`);

  const n = (s: string) => Number(s);
  const classRate = (c: string) => {
    const row = byClass.find((r) => r.risk_class === c);
    return row ? ratio(n(row.problems), n(row.n)) : null;
  };
  const loadValues = loads.map((l) => n(l.n));
  const inspected = n(results.entities);
  const targetBp = Number((await rows<{ value: unknown }>(sql`select value from settings where key = 'plans.coverageTargetBp'`))[0]?.value ?? 300);
  return {
    directoryEntities: directory,
    inspectedEntities: inspected,
    coverageRatio: ratio(inspected, directory),
    coverageMet: directory === 0 ? null : inspected * 10_000 >= directory * targetBp,
    planPublishedOnTime: onTime.length === 0 ? null : onTime.every((r) => r.on_time),
    tasks: n(taskCounts.n),
    jointTasks: n(taskCounts.joint),
    jointTaskShare: ratio(n(taskCounts.joint), n(taskCounts.n)),
    results: n(results.n),
    publishedResults: n(results.published),
    publishedOnTime: n(results.on_time),
    publicationRate: ratio(n(results.published), n(results.n)),
    onTimeRate: ratio(n(results.on_time), n(results.published)),
    problemsFound: n(results.problems),
    problemFoundRateByClass: { A: classRate('A'), B: classRate('B'), C: classRate('C'), D: classRate('D'), U: classRate('U') },
    followUps: n(follow.n),
    followUpsClosed: n(follow.closed),
    followUpClosedRate: ratio(n(follow.closed), n(follow.n)),
    officerLoad: {
      officers: loadValues.length,
      min: loadValues.length ? Math.min(...loadValues) : 0,
      max: loadValues.length ? Math.max(...loadValues) : 0,
      mean: ratio(loadValues.reduce((x, y) => x + y, 0), loadValues.length),
    },
    officers: Object.fromEntries(loads.map((l) => [l.officer, n(l.n)])),
  };
}

function comparable(i: IndicatorsView) {
  const { officers, coverageTargetBp: _target, ...rest } = i;
  return { ...rest, officers: Object.fromEntries(officers.map((o) => [o.key, o.inspections])) };
}

/** Every indicator of the year, for the bureau and each department, against the SQL. */
async function compareIndicators(app: TestApp, session: TestSession, year: number): Promise<StatsIndicators> {
  current = app;
  YEAR_ = year;
  const res = await app.app.inject({ method: 'GET', url: `/api/v1/stats/indicators?year=${year}`, headers: session.headers });
  expect(res.statusCode, res.body).toBe(200);
  const stats = statsIndicatorsSchema.parse(res.json());
  const expectedDepartments = await rows<{ id: string }>(sql`
    select department_id as id from plans where year = ${year} union select organizer_department_id from tasks where id in ${yearTasks(null)}`);
  expect(stats.departments.map((d) => d.department.id).sort()).toEqual(expectedDepartments.map((d) => d.id).sort());
  if (!stats.bureau) throw new Error('the bureau figures are missing');
  expect(comparable(stats.bureau)).toEqual(await recompute(null));
  for (const d of stats.departments) expect(comparable(d.indicators), d.department.name).toEqual(await recompute(d.department.id));
  return stats;
}

/** The flags of each SQL-checkable rule: sorted lists of "id,id,…" per flag. */
async function compareAnomalies(app: TestApp, session: TestSession, year: number): Promise<(rule: string) => string[]> {
  current = app;
  YEAR_ = year;
  const res = await app.app.inject({ method: 'GET', url: `/api/v1/stats/anomalies?year=${year}`, headers: session.headers });
  expect(res.statusCode, res.body).toBe(200);
  const list = anomalyListSchema.parse(res.json());
  const flagged = (rule: string) => list.items.filter((f) => f.rule === rule).map((f) => f.records.map((r) => r.inspectionId).sort().join(',')).sort();
  const ids = async (query: ReturnType<typeof sql>) => (await rows<{ ids: string }>(query)).map((r) => r.ids).sort();
  const published = sql`(select i.* from inspections i where i.task_id in ${yearTasks(null)} and i.published_version > 0)`;
  const latest = sql`(select distinct on (inspection_id) * from inspection_results order by inspection_id, version desc)`;
  const firstSubmitted = sql`(select inspection_id, min((created_at at time zone 'Asia/Shanghai')::date) as on_ from inspection_reviews where action = 'submitted' group by inspection_id)`;

  expect(flagged('entered_before_inspection')).toEqual(await ids(sql`
    select p.id::text as ids from ${published} p join ${latest} l on l.inspection_id = p.id join ${firstSubmitted} s on s.inspection_id = p.id where s.on_ < l.started_on`));
  expect(flagged('entered_after_deadline')).toEqual(await ids(sql`
    select p.id::text as ids from ${published} p join inspection_results r on r.inspection_id = p.id and r.version = 1
      left join ${firstSubmitted} s on s.inspection_id = p.id where r.published_on > r.deadline or s.on_ > r.deadline`));
  expect(flagged('evidence_missing')).toEqual(await ids(sql`
    select p.id::text as ids from ${published} p where not exists (select 1 from evidence_files e where e.inspection_id = p.id)`));
  expect(flagged('too_few_signatures')).toEqual(await ids(sql`
    select p.id::text as ids from ${published} p
    where not exists (select 1 from inspection_signatures s where s.inspection_id = p.id and s.signer = 'paper_form')
      and (select count(distinct s.officer_key) from inspection_signatures s where s.inspection_id = p.id and s.signer = 'officer') < 2`));
  expect(flagged('over_yearly_cap')).toEqual(await ids(sql`
    select string_agg(p.id::text, ',' order by p.id::text) as ids from ${published} p join ${latest} l on l.inspection_id = p.id
    group by p.object_key, extract(year from l.ended_on) having count(*) > 2`));
  expect(flagged('identical_findings')).toEqual(await ids(sql`
    select string_agg(p.id::text, ',' order by p.id::text) as ids from ${published} p join ${latest} l on l.inspection_id = p.id
    where length(regexp_replace(l.findings, '[[:space:]，。、,.;；:：!！]', '', 'g')) >= 12
    group by regexp_replace(l.findings, '[[:space:]，。、,.;；:：!！]', '', 'g') having count(distinct p.object_key) > 1`));
  return flagged;
}

describe('dashboard figures recomputed from the tables', () => {
  it('match the API for the bureau and for every department', async () => {
    const stats = await compareIndicators(t, oversight, YEAR);
    // The data is built so that the figures are not trivial (a comparison of zeros proves nothing).
    const a = stats.departments.find((d) => d.department.id === data.departments.a)?.indicators;
    expect(a).toMatchObject({ directoryEntities: 39, planPublishedOnTime: true, tasks: 2, jointTasks: 1, results: 8, publishedResults: 6 });
    expect(stats.departments.find((d) => d.department.id === data.departments.b)?.indicators.planPublishedOnTime).toBe(false);
    expect(stats.departments.find((d) => d.department.id === data.departments.c)?.indicators).toMatchObject({ directoryEntities: 0, coverageMet: null, planPublishedOnTime: null });
    expect(stats.bureau).toMatchObject({ planPublishedOnTime: false, directoryEntities: 69, followUps: 4, followUpsClosed: 2 });
    // The replacement on f5 moved the inspection from 王二 to 王四.
    expect(stats.bureau?.officers.find((o) => o.key === 'O4')?.inspections).toBe(4);
  });

  it('flags the same records as SQL does, rule by rule', async () => {
    const flagged = await compareAnomalies(t, oversight, YEAR);
    // Every rule the data triggers is present, so the comparisons are not between empty lists.
    for (const rule of ['entered_before_inspection', 'entered_after_deadline', 'evidence_missing', 'too_few_signatures', 'over_yearly_cap', 'identical_findings', 'repeat_officer']) {
      expect(flagged(rule).length, rule).toBeGreaterThan(0);
    }
    expect(flagged('repeat_officer')).toEqual([[data.inspectionIds.a1, data.inspectionIds.j1, data.inspectionIds.c1].sort().join(',')]);
  });

  it('reports a quarter as SQL counts it, and the callbacks summary of the year', async () => {
    current = t;
    YEAR_ = YEAR;
    const res = await t.app.inject({ method: 'GET', url: '/api/v1/stats/report?period=2025-Q2', headers: oversight.headers });
    expect(res.statusCode, res.body).toBe(200);
    const report = statsReportSchema.parse(res.json());
    expect(report).toMatchObject({ from: '2025-04-01', to: '2025-06-30' });
    const expected = await one<{ tasks: string; joint: string; published: string; on_time: string; entities: string; problems: string }>(sql`
      select (select count(*) from tasks where period_from between '2025-04-01' and '2025-06-30') as tasks,
        (select count(*) from tasks where period_from between '2025-04-01' and '2025-06-30' and cardinality(participating_department_ids) > 1) as joint,
        count(*) as published, count(*) filter (where r.published_on <= r.deadline) as on_time, count(distinct r.object_key) as entities,
        count(*) filter (where (select x.codes from inspection_results x where x.inspection_id = r.inspection_id order by x.version desc limit 1) && array['A', 'E']) as problems
      from inspection_results r where r.version = 1 and r.published_on between '2025-04-01' and '2025-06-30'`);
    expect(report.bureau).toMatchObject({
      tasksStarted: Number(expected.tasks), jointTasksStarted: Number(expected.joint), resultsPublished: Number(expected.published),
      resultsPublishedOnTime: Number(expected.on_time), entitiesInspected: Number(expected.entities), problemsFound: Number(expected.problems),
    });
    expect(report.bureau.resultsPublished).toBeGreaterThan(0);
    const calls = await one<{ n: string }>(sql`select count(*) as n from callbacks where called_on between '2025-04-01' and '2025-06-30'`);
    expect(report.callbacks.total).toBe(Number(calls.n));

    const summary = callbackSummarySchema.parse((await t.app.inject({ method: 'GET', url: `/api/v1/callbacks/summary?year=${YEAR}`, headers: oversight.headers })).json());
    const yearCalls = await one<{ n: string; dissatisfied: string }>(sql`
      select count(*) as n, count(*) filter (where satisfaction = 'dissatisfied') as dissatisfied from callbacks where extract(year from called_on) = ${YEAR}`);
    expect(summary).toMatchObject({ total: Number(yearCalls.n), bySatisfaction: { dissatisfied: Number(yearCalls.dissatisfied) } });
  });
});

describe('dashboard figures on the demo data (suiji demo)', () => {
  let demo: TestApp;
  let session: TestSession;
  beforeAll(async () => {
    demo = await createTestApp();
    await seedDemo(demo.database.db, demo.clock.now());
    const user = await makeUser(demo.database.db, { roles: ['oversight'] });
    session = await makeSession(demo.database.db, user, demo.clock.now());
  });
  afterAll(async () => {
    await demo.close();
  });

  it('match the API for every year the demo has plans or tasks in', async () => {
    current = demo;
    const years = await rows<{ year: number }>(sql`
      select distinct year from (select year from plans union select extract(year from period_from)::int from tasks) y order by year`);
    expect(years.length).toBeGreaterThan(0);
    let published = 0;
    for (const { year } of years) {
      published += (await compareIndicators(demo, session, year)).bureau?.publishedResults ?? 0;
      await compareAnomalies(demo, session, year);
    }
    // The demo year has published results (seed-inspections.ts), so the comparison covers them.
    expect(published).toBeGreaterThan(0);
  });
});
