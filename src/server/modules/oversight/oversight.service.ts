import { createHash } from 'node:crypto';
import type { z } from 'zod';
import type {
  AnomalyFlagView, IndicatorsView, PeriodFigures, StatsIndicators, StatsReport, anomalyListSchema, anomalyReviewBodySchema,
} from '../../../contracts/oversight.ts';
import { riskClasses, type RiskClass } from '../../../domain/directory/risk-class.ts';
import { anomalyRuleLabels, findAnomalies, type AnomalyFlag, type ResultFacts } from '../../../domain/oversight/anomalies.ts';
import { summarizeCallbacks, satisfactionLevels, type Satisfaction } from '../../../domain/oversight/callbacks.ts';
import { computeIndicators, formatRatio, isProblemFound } from '../../../domain/oversight/indicators.ts';
import { DEFAULT_COVERAGE_TARGET_BP, publicationStatus } from '../../../domain/plan/coverage.ts';
import { chinaDate } from '../../../domain/task/china-time.ts';
import { applyReplacements } from '../../../domain/task/replacement.ts';
import { appendAudit } from '../../audit/audit-log.ts';
import type { Principal } from '../../http/access.ts';
import type { ServiceContext } from '../../http/context.ts';
import { fail, ok, type Result } from '../../http/failures.ts';
import { xlsxBuffer } from '../items/xlsx-export.ts';
import { coverageTargetSettingKey } from '../plans/plans.service.ts';
import { intSetting } from '../tasks/lookups.repository.ts';
import { departmentScope } from './oversight.policy.ts';
import {
  callbacksBetween, departmentNames, directoryOfLines, entitiesOfKeys, evidenceCounts, firstSubmittedOn, followUpsOf,
  followUpsOpenedBetween, insertReview, inspectionsOfTasks, latestReviews, officerNames, plansOfYear, resultsPublishedBetween,
  resultVersionsOf, signaturesOf, tasksOfYear, tasksStartedBetween, teamsOfDraws, type PlanFacts, type TaskFacts,
} from './oversight.repository.ts';

// ——— The facts of one year ———

interface Version { codes: string[]; findings: string; startedOn: string; endedOn: string; deadline: string; publishedOn: string }

interface InspectionOfYear {
  id: string;
  objectKey: string;
  taskId: string;
  departmentId: string;
  team: string[];
  /** Version 1 (first publication: its date and deadline) and the latest version (codes, findings, dates). */
  first: Version | null;
  latest: Version | null;
  enteredOn: string | null;
  officerSignatures: number;
  evidenceCount: number;
}

interface YearFacts {
  year: number;
  today: string;
  targetBp: number;
  plans: PlanFacts[];
  tasks: TaskFacts[];
  inspections: InspectionOfYear[];
  followUps: { inspectionId: string; status: string }[];
  entities: Map<string, { name: string; riskClass: string }>;
  officers: Map<string, string>;
  departments: Map<string, string>;
}

async function loadYear(ctx: ServiceContext, year: number): Promise<YearFacts> {
  const db = ctx.db;
  const [planRows, taskRows, targetBp] = await Promise.all([
    plansOfYear(db, year), tasksOfYear(db, year), intSetting(db, coverageTargetSettingKey, DEFAULT_COVERAGE_TARGET_BP),
  ]);
  const organizer = new Map(taskRows.map((t) => [t.id, t.organizerDepartmentId]));
  const rows = await inspectionsOfTasks(db, taskRows.map((t) => t.id));
  const ids = rows.map((r) => r.id);
  const [teams, versions, submitted, signatures, evidence, follow] = await Promise.all([
    teamsOfDraws(db, [...new Set(rows.map((r) => r.drawId))]), resultVersionsOf(db, ids), firstSubmittedOn(db, ids),
    signaturesOf(db, ids), evidenceCounts(db, ids), followUpsOf(db, ids),
  ]);
  // The current team of each object: the draw's assignment with its replacements applied.
  const teamOf = new Map<string, string[]>();
  for (const draw of teams.draws) {
    const replacements = teams.replacements.filter((r) => r.drawId === draw.id)
      .map((r) => ({ object: r.objectKey, replaced: r.replacedOfficerKey, replacement: r.replacementOfficerKey }));
    for (const a of applyReplacements(draw.output?.assignments ?? [], replacements)) teamOf.set(`${draw.id}\n${a.object}`, a.officers);
  }
  const inspectionsOfYear = rows.map((r): InspectionOfYear => {
    const own = versions.filter((v) => v.inspectionId === r.id);
    const team = teamOf.get(`${r.drawId}\n${r.objectKey}`) ?? [];
    const signed = signatures.filter((s) => s.inspectionId === r.id);
    // One signed paper form stands for the whole team's signatures (ADR 0007).
    const officerSignatures = signed.some((s) => s.signer === 'paper_form')
      ? team.length
      : new Set(signed.filter((s) => s.signer === 'officer' && team.includes(s.officerKey)).map((s) => s.officerKey)).size;
    return {
      id: r.id, objectKey: r.objectKey, taskId: r.taskId, departmentId: organizer.get(r.taskId) ?? '', team,
      first: r.publishedVersion > 0 ? (own.find((v) => v.version === 1) ?? null) : null,
      latest: r.publishedVersion > 0 ? (own.at(-1) ?? null) : null,
      enteredOn: submitted.get(r.id) ?? null,
      officerSignatures, evidenceCount: evidence.get(r.id) ?? 0,
    };
  });
  const officerKeys = [...new Set(inspectionsOfYear.flatMap((i) => i.team))];
  const departmentIds = [...new Set([...planRows.map((p) => p.departmentId), ...taskRows.map((t) => t.organizerDepartmentId)])];
  const [entityMap, officerMap, departmentMap] = await Promise.all([
    entitiesOfKeys(db, [...new Set(rows.map((r) => r.objectKey))]), officerNames(db, officerKeys), departmentNames(db, departmentIds),
  ]);
  return {
    year, today: chinaDate(ctx.now()), targetBp, plans: planRows, tasks: taskRows, inspections: inspectionsOfYear,
    followUps: follow, entities: entityMap, officers: officerMap, departments: departmentMap,
  };
}

// ——— Indicators ———

/** On time: true; late or overdue: false; not yet due: null (no verdict yet). */
function planOnTime(f: YearFacts, plan: PlanFacts): boolean | null {
  const status = publicationStatus(f.year, f.today, plan.firstPublishedOn);
  if (status.kind === 'published_on_time') return true;
  if (status.kind === 'published_late' || status.kind === 'overdue') return false;
  return null;
}

/** Several plans (the bureau): any late is late; all on time is on time; otherwise no verdict. */
function combineOnTime(values: readonly (boolean | null)[]): boolean | null {
  if (values.length === 0) return null;
  if (values.includes(false)) return false;
  return values.every((v) => v === true) ? true : null;
}

const asRiskClass = (value: string | undefined): RiskClass => riskClasses.find((c) => c === value) ?? 'U';

async function indicatorsOf(ctx: ServiceContext, f: YearFacts, departmentId: string | null): Promise<IndicatorsView> {
  const plans = f.plans.filter((p) => departmentId === null || p.departmentId === departmentId);
  const tasks = f.tasks.filter((t) => departmentId === null || t.organizerDepartmentId === departmentId);
  const inspections = f.inspections.filter((i) => departmentId === null || i.departmentId === departmentId);
  const inspectionIds = new Set(inspections.map((i) => i.id));
  const followUps = f.followUps.filter((x) => inspectionIds.has(x.inspectionId));
  const directory = await directoryOfLines(ctx.db, plans.flatMap((p) => p.lines));
  const published = inspections.filter((i) => i.first !== null && i.latest !== null);
  const inspectedEntities = new Set(published.map((i) => i.objectKey)).size;
  const loads = new Map<string, number>();
  for (const i of inspections) for (const key of i.team) loads.set(key, (loads.get(key) ?? 0) + 1);
  const results = inspections.map((i) => ({
    riskClass: asRiskClass(f.entities.get(i.objectKey)?.riskClass),
    published: i.first !== null,
    publishedOnTime: i.first !== null && i.first.publishedOn <= i.first.deadline,
    problemFound: i.latest !== null && isProblemFound(i.latest.codes),
  }));
  const computed = computeIndicators({
    directoryEntities: directory, inspectedEntities, coverageTargetBp: f.targetBp,
    planPublishedOnTime: combineOnTime(plans.map((p) => planOnTime(f, p))),
    tasks: tasks.map((t) => ({ joint: t.participatingDepartmentIds.length > 1 })),
    results,
    // Overdue follow-ups are the follow-up module's figure (due dates); here only closure counts.
    followUps: followUps.map((x) => ({ closed: x.status === 'closed', overdue: false })),
    officerLoads: loads,
  });
  return {
    directoryEntities: directory,
    inspectedEntities,
    coverageRatio: computed.coverageRatio,
    coverageTargetBp: f.targetBp,
    coverageMet: computed.coverageMet,
    planPublishedOnTime: computed.planPublishedOnTime,
    tasks: tasks.length,
    jointTasks: tasks.filter((t) => t.participatingDepartmentIds.length > 1).length,
    jointTaskShare: computed.jointTaskShare,
    results: results.length,
    publishedResults: results.filter((r) => r.published).length,
    publishedOnTime: results.filter((r) => r.publishedOnTime).length,
    publicationRate: computed.publicationRate,
    onTimeRate: computed.onTimeRate,
    problemsFound: results.filter((r) => r.published && r.problemFound).length,
    problemFoundRateByClass: computed.problemFoundRateByClass,
    followUps: followUps.length,
    followUpsClosed: followUps.filter((x) => x.status === 'closed').length,
    followUpClosedRate: computed.followUpClosedRate,
    officerLoad: computed.officerLoad,
    officers: [...loads].map(([key, n]) => ({ key, name: f.officers.get(key) ?? key, inspections: n }))
      .sort((a, b) => b.inspections - a.inspections || a.key.localeCompare(b.key)),
  };
}

function departmentsOf(f: YearFacts, scope: string | null): { id: string; name: string }[] {
  return [...f.departments].filter(([id]) => scope === null || id === scope)
    .map(([id, name]) => ({ id, name })).sort((a, b) => a.name.localeCompare(b.name, 'zh-Hans-CN'));
}

async function indicatorsOfYear(ctx: ServiceContext, f: YearFacts, scope: string | null): Promise<StatsIndicators> {
  const departments = [];
  for (const d of departmentsOf(f, scope)) departments.push({ department: d, indicators: await indicatorsOf(ctx, f, d.id) });
  return { year: f.year, bureau: scope === null ? await indicatorsOf(ctx, f, null) : null, departments };
}

export async function indicatorsFor(ctx: ServiceContext, principal: Principal, year: number): Promise<Result<StatsIndicators>> {
  const scope = departmentScope(principal.user);
  if (scope === undefined) return fail('forbidden', '您的账号未关联部门');
  return ok(await indicatorsOfYear(ctx, await loadYear(ctx, year), scope));
}

// ——— Anomaly flags ———

/**
 * A flag's id: a hash of its rule and the records it names (the domain key), stable across
 * recomputation, written as a UUID (version 8, RFC 9562) so it travels like every other id.
 */
export function flagId(flag: Pick<AnomalyFlag, 'key'>): string {
  const h = createHash('sha256').update(flag.key).digest('hex');
  const variant = ((Number.parseInt(h.charAt(16), 16) & 0x3) | 0x8).toString(16);
  return `${h.slice(0, 8)}-${h.slice(8, 12)}-8${h.slice(13, 16)}-${variant}${h.slice(17, 20)}-${h.slice(20, 32)}`;
}

function flagsOfYear(f: YearFacts): AnomalyFlag[] {
  const facts: ResultFacts[] = [];
  for (const i of f.inspections) {
    if (i.first === null || i.latest === null) continue;
    facts.push({
      resultId: i.id, departmentId: i.departmentId, entityKey: i.objectKey, officerKeys: i.team,
      inspectionStart: i.latest.startedOn, inspectionEnd: i.latest.endedOn,
      // Entered = first submitted for review; a result published without that step counts from its publication.
      enteredOn: i.enteredOn ?? i.first.publishedOn,
      publishedOn: i.first.publishedOn, deadline: i.first.deadline,
      codes: i.latest.codes, findingText: i.latest.findings,
      officerSignatures: i.officerSignatures, evidenceCount: i.evidenceCount,
    });
  }
  return findAnomalies(facts);
}

/** Department ids in the domain's detail text are shown by name. */
function readableDetail(f: YearFacts, detail: string): string {
  let out = detail;
  for (const [id, name] of f.departments) out = out.replaceAll(id, name);
  return out;
}

export async function anomaliesFor(ctx: ServiceContext, principal: Principal, year: number): Promise<Result<z.infer<typeof anomalyListSchema>>> {
  const scope = departmentScope(principal.user);
  if (scope === undefined) return fail('forbidden', '您的账号未关联部门');
  const f = await loadYear(ctx, year);
  const reviews = await latestReviews(ctx.db, year);
  const byId = new Map(f.inspections.map((i) => [i.id, i]));
  const taskCode = new Map(f.tasks.map((t) => [t.id, t.code]));
  const items: AnomalyFlagView[] = [];
  for (const flag of flagsOfYear(f)) {
    const records = flag.resultIds.map((id) => byId.get(id)).filter((i) => i !== undefined);
    // A department admin sees the flags that touch their own department's results.
    if (scope !== null && !records.some((r) => r.departmentId === scope)) continue;
    const id = flagId(flag);
    const review = reviews.get(id);
    items.push({
      id, rule: flag.rule, label: anomalyRuleLabels[flag.rule], detail: readableDetail(f, flag.detail),
      records: records.map((r) => ({
        inspectionId: r.id, objectKey: r.objectKey, entityName: f.entities.get(r.objectKey)?.name ?? r.objectKey,
        departmentName: f.departments.get(r.departmentId) ?? '', taskCode: taskCode.get(r.taskId) ?? '',
      })),
      review: review ? { note: review.note, reviewerName: review.reviewerName, reviewedAt: review.reviewedAt.toISOString() } : null,
    });
  }
  return ok({ year, total: items.length, unreviewed: items.filter((i) => i.review === null).length, items });
}

export async function reviewAnomalyFor(
  ctx: ServiceContext, principal: Principal, id: string, body: z.infer<typeof anomalyReviewBodySchema>,
): Promise<Result<AnomalyFlagView>> {
  const listed = await anomaliesFor(ctx, principal, body.year);
  if (!listed.ok) return listed;
  const flag = listed.value.items.find((i) => i.id === id);
  if (!flag) return fail('not_found', '该异常提示不存在或已不再成立');
  const now = ctx.now();
  await ctx.db.transaction(async (tx) => {
    await insertReview(tx, {
      flagId: id, rule: flag.rule, year: body.year, note: body.note,
      reviewedBy: principal.user.id, reviewerName: principal.user.displayName, reviewedAt: now,
    });
    await appendAudit(tx, {
      actor: { id: principal.user.id, name: principal.user.displayName }, action: 'anomaly.reviewed',
      subjectType: 'anomaly', subjectId: id,
      summary: `核查异常提示“${flag.label}”（${body.year} 年）`,
      changes: { rule: flag.rule, year: body.year, note: body.note, inspectionIds: flag.records.map((r) => r.inspectionId) },
    }, now);
  });
  return ok({ ...flag, review: { note: body.note, reviewerName: principal.user.displayName, reviewedAt: now.toISOString() } });
}

// ——— Year-end assessment (年度考核) ———

const yesNo = (value: boolean | null) => (value === null ? '—' : value ? '是' : '否');

const assessmentColumns = [
  { header: '部门', width: 24 }, { header: '名录户数' }, { header: '已检查户数' }, { header: '抽查覆盖率' }, { header: '达到比例要求' },
  { header: '计划按时公示' }, { header: '抽查任务数' }, { header: '联合抽查任务数' }, { header: '联合抽查占比' },
  { header: '检查结果数' }, { header: '已公示' }, { header: '公示率' }, { header: '20个工作日内公示率' },
  { header: '发现问题数' }, ...riskClasses.map((c) => ({ header: `问题发现率（${c}类）` })),
  { header: '后续处置数' }, { header: '已完结' }, { header: '处置完结率' },
  { header: '执法人员数' }, { header: '人均检查次数' }, { header: '最多检查次数' },
] as const;

function assessmentRow(name: string, i: IndicatorsView): (string | number)[] {
  return [
    name, i.directoryEntities, i.inspectedEntities, formatRatio(i.coverageRatio), yesNo(i.coverageMet), yesNo(i.planPublishedOnTime),
    i.tasks, i.jointTasks, formatRatio(i.jointTaskShare), i.results, i.publishedResults, formatRatio(i.publicationRate), formatRatio(i.onTimeRate),
    i.problemsFound, ...riskClasses.map((c) => formatRatio(i.problemFoundRateByClass[c])),
    i.followUps, i.followUpsClosed, formatRatio(i.followUpClosedRate),
    i.officerLoad.officers, i.officerLoad.mean === null ? '—' : Number(i.officerLoad.mean.toFixed(2)), i.officerLoad.max,
  ];
}

export async function assessmentXlsxFor(ctx: ServiceContext, principal: Principal, year: number): Promise<Result<{ fileName: string; body: Buffer }>> {
  const stats = await indicatorsOfYear(ctx, await loadYear(ctx, year), null);
  const rows = [
    ...stats.departments.map((d) => assessmentRow(d.department.name, d.indicators)),
    ...(stats.bureau ? [assessmentRow('全局合计', stats.bureau)] : []),
  ];
  const body = await xlsxBuffer(`${year}年度考核`, assessmentColumns, rows);
  await auditExport(ctx, principal, `导出 ${year} 年度双随机抽查考核表`, { year });
  return ok({ fileName: `${year}年度双随机抽查考核表.xlsx`, body });
}

async function auditExport(ctx: ServiceContext, principal: Principal, summary: string, changes: Record<string, unknown>): Promise<void> {
  const now = ctx.now();
  await ctx.db.transaction(async (tx) => {
    await appendAudit(tx, {
      actor: { id: principal.user.id, name: principal.user.displayName }, action: 'stats.exported',
      subjectType: 'system', subjectId: null, summary, changes,
    }, now);
  });
}

// ——— Periodic reports (信息报送) ———

/** 2024 → the year; 2024-Q3 → July–September; 2024-09 → September. Inclusive civil dates. */
export function periodRange(period: string): { from: string; to: string } {
  const year = Number(period.slice(0, 4));
  const lastDay = (month: number) => new Date(Date.UTC(year, month, 0)).getUTCDate();
  const iso = (month: number, day: number) => `${period.slice(0, 4)}-${String(month).padStart(2, '0')}-${String(day).padStart(2, '0')}`;
  const quarter = /^\d{4}-Q([1-4])$/.exec(period);
  if (quarter) {
    const q = Number(quarter[1]);
    return { from: iso(q * 3 - 2, 1), to: iso(q * 3, lastDay(q * 3)) };
  }
  const month = /^\d{4}-(\d{2})$/.exec(period);
  if (month) {
    const m = Number(month[1]);
    return { from: iso(m, 1), to: iso(m, lastDay(m)) };
  }
  return { from: iso(1, 1), to: iso(12, 31) };
}

const asSatisfaction = (value: string): Satisfaction => satisfactionLevels.find((s) => s === value) ?? 'dissatisfied';

export async function reportFor(ctx: ServiceContext, period: string): Promise<Result<StatsReport>> {
  const { from, to } = periodRange(period);
  const [taskRows, results, follow, calls] = await Promise.all([
    tasksStartedBetween(ctx.db, from, to), resultsPublishedBetween(ctx.db, from, to),
    followUpsOpenedBetween(ctx.db, from, to), callbacksBetween(ctx.db, from, to),
  ]);
  const figures = (departmentId: string | null): PeriodFigures => {
    const inDept = <T extends { departmentId: string }>(rows: readonly T[]) => rows.filter((r) => departmentId === null || r.departmentId === departmentId);
    const t = taskRows.filter((r) => departmentId === null || r.organizerDepartmentId === departmentId);
    const r = inDept(results);
    return {
      tasksStarted: t.length,
      jointTasksStarted: t.filter((x) => x.participatingDepartmentIds.length > 1).length,
      resultsPublished: r.length,
      resultsPublishedOnTime: r.filter((x) => x.publishedOn <= x.deadline).length,
      entitiesInspected: new Set(r.map((x) => x.objectKey)).size,
      problemsFound: r.filter((x) => isProblemFound(x.latestCodes)).length,
      followUpsOpened: inDept(follow).length,
    };
  };
  const ids = [...new Set([...taskRows.map((t) => t.organizerDepartmentId), ...results.map((r) => r.departmentId), ...follow.map((x) => x.departmentId)])];
  const names = await departmentNames(ctx.db, ids);
  const summary = summarizeCallbacks(calls.map((c) => ({ ...c, satisfaction: asSatisfaction(c.satisfaction) })));
  return ok({
    standard: 'suiji-stats-v1', period, from, to,
    bureau: figures(null),
    departments: ids.map((id) => ({ department: { id, name: names.get(id) ?? '' }, figures: figures(id) }))
      .sort((a, b) => a.department.name.localeCompare(b.department.name, 'zh-Hans-CN')),
    callbacks: { total: summary.total, concerns: summary.concerns, satisfactionRate: summary.satisfactionRate },
  });
}

const reportColumns = [
  { header: '部门', width: 24 }, { header: '启动抽查任务数' }, { header: '其中联合抽查' }, { header: '公示检查结果数' },
  { header: '其中按期公示' }, { header: '检查对象户数' }, { header: '发现问题数' }, { header: '新增后续处置数' },
] as const;

export async function reportXlsxFor(ctx: ServiceContext, principal: Principal, period: string): Promise<Result<{ fileName: string; body: Buffer }>> {
  const report = await reportFor(ctx, period);
  if (!report.ok) return report;
  const r = report.value;
  const row = (name: string, x: PeriodFigures) => [name, x.tasksStarted, x.jointTasksStarted, x.resultsPublished, x.resultsPublishedOnTime, x.entitiesInspected, x.problemsFound, x.followUpsOpened];
  const body = await xlsxBuffer(`信息报送 ${period}`, reportColumns, [
    ...r.departments.map((d) => row(d.department.name, d.figures)),
    row('全局合计', r.bureau),
  ]);
  await auditExport(ctx, principal, `导出信息报送统计表（${period}，${r.from} 至 ${r.to}）`, { period });
  return ok({ fileName: `双随机抽查信息报送-${period}.xlsx`, body });
}
