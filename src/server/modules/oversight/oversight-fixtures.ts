import { createHash } from 'node:crypto';
import { sql } from 'drizzle-orm';
import type { Db } from '../../db/database.ts';
import { officers } from '../../db/schema-directory.ts';
import {
  evidenceFiles, inspectionResults, inspectionReviews, inspectionSignatures, inspections,
} from '../../db/schema-inspections.ts';
import { callbacks } from '../../db/schema-oversight.ts';
import { drawReplacements, draws, plans, planVersions, tasks, type PlanLineJson } from '../../db/schema-plans.ts';
import { makeDepartment } from '../../test/factories.ts';
import { makeEntity } from '../entities/entity-fixtures.ts';

/**
 * A year (2025) of oversight data written straight into the tables: plans (one on time, one
 * late, one department without a plan), tasks (one joint, one of 2024 that must not count),
 * completed draws with teams (one replacement), inspections in every state, corrected
 * results, signatures, evidence, follow-ups (one closed) and callbacks. Each anomaly rule
 * except the department outlier (unit-tested in the domain) is triggered at least once.
 */

const sha = (text: string) => createHash('sha256').update(text).digest('hex');
const png = new Uint8Array([0x89, 0x50, 0x4e, 0x47, 1, 2, 3]);
const scope = (industries: string[]) => ({ industries, focusAreas: [], regionCodes: [], kinds: [], objectKinds: [], statuses: [], tags: [] });

export interface OversightYear {
  departments: { a: string; b: string; c: string };
  entityKeys: Record<string, string>;
  inspectionIds: Record<string, string>;
}

interface ObjectSpec {
  name: string;
  entity: string;
  team: string[];
  status: 'draft' | 'submitted' | 'published';
  started?: string;
  ended?: string;
  submittedAt?: string;
  /** Versions as published: codes, findings, published on, deadline. */
  versions?: { codes: string[]; findings: string; publishedOn: string; deadline: string }[];
  officerSigners?: string[];
  paperForm?: boolean;
  evidence?: number;
  followUp?: 'open' | 'closed';
}

async function addPlan(db: Db, departmentId: string, year: number, industries: string[], publishedAt: string): Promise<void> {
  const [plan] = await db.insert(plans).values({ departmentId, year }).returning();
  if (!plan) throw new Error('no plan');
  const lines: PlanLineJson[] = [{ name: '年度抽查', itemIds: [], departmentIds: [], scope: scope(industries), ratioBp: 500, periodFrom: `${year}-03-01`, periodTo: `${year}-11-30` }];
  await db.insert(planVersions).values({ planId: plan.id, version: 1, status: 'published', title: `${year} 年度抽查计划`, lines, publishedAt: new Date(publishedAt) });
}

async function setFollowUpClosed(db: Db, id: string): Promise<void> {
  // The follow-up module is extending this table; when its closure columns exist they must be filled (its check constraint).
  const columns = await db.execute(sql`select column_name from information_schema.columns where table_name = 'follow_ups' and column_name in ('closed_on', 'outcome')`);
  const has = (columns as unknown as { rows: { column_name: string }[] }).rows.length === 2;
  if (has) await db.execute(sql`update follow_ups set status = 'closed', closed_on = '2025-07-01', outcome = '已整改' where id = ${id}`);
  else await db.execute(sql`update follow_ups set status = 'closed' where id = ${id}`);
}

export async function buildOversightYear(db: Db): Promise<OversightYear> {
  const a = (await makeDepartment(db, { name: '甲市场监管所' })).id;
  const b = (await makeDepartment(db, { name: '乙交通运输局' })).id;
  const c = (await makeDepartment(db, { name: '丙应急管理局' })).id;

  // Directory: 40 road freight (甲's scope), 30 catering (乙's scope), 5 others; one freight entity deregistered.
  const entityKeys: Record<string, string> = {};
  const classes = ['A', 'B', 'C', 'D', 'U'];
  for (let n = 0; n < 40; n += 1) {
    const e = await makeEntity(db, { industry: '道路货运', riskClass: classes[n % 5], status: n === 39 ? 'deregistered' : 'active' });
    entityKeys[`f${n}`] = e.key;
  }
  for (let n = 0; n < 30; n += 1) entityKeys[`c${n}`] = (await makeEntity(db, { industry: '餐饮', riskClass: classes[(n + 2) % 5] })).key;
  for (let n = 0; n < 5; n += 1) entityKeys[`o${n}`] = (await makeEntity(db, { industry: '建筑' })).key;

  for (const [key, name, dept] of [['O1', '王一', a], ['O2', '王二', a], ['O3', '王三', a], ['O4', '王四', a], ['O5', '李五', b], ['O6', '李六', b], ['O7', '赵七', c], ['O8', '赵八', c]] as const) {
    await db.insert(officers).values({ key, name, departmentId: dept });
  }

  await addPlan(db, a, 2025, ['道路货运'], '2025-01-20T10:00:00+08:00');
  await addPlan(db, b, 2025, ['餐饮'], '2025-02-10T10:00:00+08:00');

  const inspectionIds: Record<string, string> = {};
  let taskNo = 0;
  const addTask = async (organizer: string, participating: string[], periodFrom: string, objects: ObjectSpec[], replacement?: { object: string; replaced: string; replacement: string }) => {
    taskNo += 1;
    const code = `TEST-2025-${String(taskNo).padStart(4, '0')}`;
    const [task] = await db.insert(tasks).values({
      code, name: `测试任务 ${taskNo}`, source: 'ad_hoc', organizerDepartmentId: organizer, participatingDepartmentIds: participating,
      itemIds: [], scope: scope([]), strataPlan: { strata: [] } as never, exclusionRules: {} as never, teamRules: {} as never,
      periodFrom, periodTo: periodFrom, status: 'drawn',
    }).returning();
    if (!task) throw new Error('no task');
    const assignments = objects.map((o) => ({ object: entityKeys[o.entity] ?? '', officers: o.team }));
    const [draw] = await db.insert(draws).values({
      taskId: task.id, drawId: code, attempt: 1, status: 'completed', frozenAt: new Date(`${periodFrom}T09:00:00+08:00`), freezeDate: periodFrom,
      strata: [], strataCounts: [], exclusions: [], unplanned: [], matching: {} as never, listHashes: {}, scheme: {}, confirmWorkdays: 3,
      output: { strata: [], order: assignments.map((x) => x.object), assignments },
    }).returning();
    if (!draw) throw new Error('no draw');
    if (replacement) {
      await db.insert(drawReplacements).values({
        drawId: draw.id, seq: 1, objectKey: entityKeys[replacement.object] ?? '', replacedOfficerKey: replacement.replaced,
        replacementOfficerKey: replacement.replacement, slot: 0, reason: '回避',
      });
    }
    for (const o of objects) {
      const objectKey = entityKeys[o.entity] ?? '';
      const [row] = await db.insert(inspections).values({
        drawId: draw.id, taskId: task.id, objectKey, status: 'draft', checklist: [], startedOn: o.started ?? null, endedOn: o.ended ?? null,
        codes: o.versions?.at(-1)?.codes ?? [], findings: o.versions?.at(-1)?.findings ?? '',
      }).returning();
      if (!row) throw new Error('no inspection');
      inspectionIds[o.name] = row.id;
      for (const signer of o.officerSigners ?? []) {
        await db.insert(inspectionSignatures).values({ inspectionId: row.id, signer: 'officer', officerKey: signer, signerName: signer, image: png, sha256: sha(signer) });
      }
      for (let n = 0; n < (o.evidence ?? 0) + (o.paperForm ? 1 : 0); n += 1) {
        const content = new Uint8Array([0x25, 0x50, 0x44, 0x46, n]);
        const [file] = await db.insert(evidenceFiles).values({ inspectionId: row.id, fileName: `e${n}.pdf`, kind: 'pdf', mime: 'application/pdf', size: content.length, sha256: sha(`${row.id}${n}`), content }).returning();
        if (o.paperForm && n === 0 && file) {
          await db.insert(inspectionSignatures).values({ inspectionId: row.id, signer: 'paper_form', officerKey: '', signerName: '纸质检查表', sha256: file.sha256, evidenceId: file.id });
        }
      }
      if (o.submittedAt) await db.insert(inspectionReviews).values({ inspectionId: row.id, action: 'submitted', actorName: '检查人员', at: new Date(o.submittedAt) });
      let version = 0;
      for (const v of o.versions ?? []) {
        version += 1;
        await db.insert(inspectionResults).values({
          inspectionId: row.id, version, objectKey, codes: v.codes, findings: v.findings, remarks: '', itemResults: [],
          startedOn: o.started ?? v.publishedOn, endedOn: o.ended ?? v.publishedOn, verificationMethods: [], deadline: v.deadline,
          deadlineProvisional: false, publishedOn: v.publishedOn, reason: version === 1 ? null : '更正',
        });
      }
      const status = o.status === 'published' && version === 0 ? 'approved' : o.status;
      await db.update(inspections).set({ status, publishedVersion: version }).where(sql`${inspections.id} = ${row.id}`);
      if (o.followUp) {
        const created = await db.execute(sql`insert into follow_ups (inspection_id, object_key) values (${row.id}, ${objectKey}) returning id`);
        const id = (created as unknown as { rows: { id: string }[] }).rows[0]?.id ?? '';
        if (o.followUp === 'closed') await setFollowUpClosed(db, id);
      }
    }
  };

  const identical = '经营场所内未见道路运输经营许可证公示，已当场告知整改';
  const ok = (publishedOn: string, deadline: string, codes: string[] = ['1'], findings = '') => ({ codes, findings, publishedOn, deadline });

  // 甲, own task: every state; one late, one with one signature and no evidence.
  await addTask(a, [a], '2025-03-01', [
    { name: 'a1', entity: 'f0', team: ['O1', 'O2'], status: 'published', started: '2025-03-10', ended: '2025-03-10', submittedAt: '2025-03-12T10:00:00+08:00', versions: [ok('2025-03-20', '2025-04-08')], officerSigners: ['O1', 'O2'], evidence: 1 },
    { name: 'a2', entity: 'f1', team: ['O1', 'O3'], status: 'published', started: '2025-03-11', ended: '2025-03-11', submittedAt: '2025-04-01T10:00:00+08:00', versions: [ok('2025-04-20', '2025-04-09', ['A', 'D'], '车辆未按期年审')], officerSigners: ['O1', 'O3'], evidence: 2, followUp: 'open' },
    { name: 'a3', entity: 'f2', team: ['O2', 'O4'], status: 'published', started: '2025-03-12', ended: '2025-03-12', submittedAt: '2025-03-13T10:00:00+08:00', versions: [ok('2025-03-14', '2025-04-10', ['E'], '已责令改正')], officerSigners: ['O2'], evidence: 0 },
    { name: 'a4', entity: 'f3', team: ['O3', 'O4'], status: 'submitted', started: '2025-03-13', ended: '2025-03-13', submittedAt: '2025-03-14T10:00:00+08:00' },
    { name: 'a5', entity: 'f4', team: ['O1', 'O4'], status: 'draft' },
    // Paper form signed: counts as the whole team.
    { name: 'a6', entity: 'f5', team: ['O2', 'O3'], status: 'published', started: '2025-03-14', ended: '2025-03-14', submittedAt: '2025-03-15T10:00:00+08:00', versions: [ok('2025-03-16', '2025-04-14')], paperForm: true },
  ], { object: 'f5', replaced: 'O2', replacement: 'O4' });

  // 甲 organises a joint task with 乙: f0 again; one result corrected from 1 to A (the latest version counts); its follow-up closed.
  await addTask(a, [a, b], '2025-05-01', [
    { name: 'j1', entity: 'f0', team: ['O1', 'O5'], status: 'published', started: '2025-05-10', ended: '2025-05-10', submittedAt: '2025-05-11T10:00:00+08:00', versions: [ok('2025-05-12', '2025-06-09')], officerSigners: ['O1', 'O5'], evidence: 1 },
    { name: 'j2', entity: 'f6', team: ['O2', 'O6'], status: 'published', started: '2025-05-10', ended: '2025-05-10', submittedAt: '2025-05-11T10:00:00+08:00', versions: [ok('2025-05-12', '2025-06-09'), ok('2025-05-20', '2025-06-09', ['A', 'B'], '年报信息与实际不符')], officerSigners: ['O2', 'O6'], evidence: 1, followUp: 'closed' },
  ]);

  // 乙: identical long findings on two entities; one entered before the inspection.
  await addTask(b, [b], '2025-06-01', [
    { name: 'b1', entity: 'c0', team: ['O5', 'O6'], status: 'published', started: '2025-06-05', ended: '2025-06-05', submittedAt: '2025-06-06T10:00:00+08:00', versions: [ok('2025-06-07', '2025-07-03', ['A', 'D'], identical)], officerSigners: ['O5', 'O6'], evidence: 1, followUp: 'open' },
    { name: 'b2', entity: 'c1', team: ['O5', 'O6'], status: 'published', started: '2025-06-05', ended: '2025-06-05', submittedAt: '2025-06-06T10:00:00+08:00', versions: [ok('2025-06-07', '2025-07-03', ['A', 'D'], identical)], officerSigners: ['O5', 'O6'], evidence: 1, followUp: 'closed' },
    { name: 'b3', entity: 'c2', team: ['O5', 'O6'], status: 'published', started: '2025-06-09', ended: '2025-06-09', submittedAt: '2025-06-03T10:00:00+08:00', versions: [ok('2025-06-10', '2025-07-07')], officerSigners: ['O5', 'O6'], evidence: 1 },
  ]);

  // 丙 (no plan): f0 a third time, again with 王一 — over the yearly cap and the same officer three times.
  await addTask(c, [c], '2025-08-01', [
    { name: 'c1', entity: 'f0', team: ['O1', 'O7'], status: 'published', started: '2025-08-05', ended: '2025-08-05', submittedAt: '2025-08-06T10:00:00+08:00', versions: [ok('2025-08-07', '2025-09-02')], officerSigners: ['O1', 'O7'], evidence: 1 },
    { name: 'c2', entity: 'o0', team: ['O7', 'O8'], status: 'submitted', started: '2025-08-05', ended: '2025-08-05', submittedAt: '2025-08-06T10:00:00+08:00' },
  ]);

  // 甲, a task of 2024: must not count in 2025.
  await addTask(a, [a], '2024-11-01', [
    { name: 'x1', entity: 'f7', team: ['O1', 'O2'], status: 'published', started: '2024-11-05', ended: '2024-11-05', submittedAt: '2024-11-06T10:00:00+08:00', versions: [ok('2024-11-07', '2024-12-03', ['A', 'D'], '未公示年报')], officerSigners: ['O1', 'O2'], evidence: 1, followUp: 'open' },
  ]);

  const callbackBase = { entityId: '', channel: 'phone', announcedInAdvance: false, certificatesShown: true, improperRequests: false, satisfaction: 'satisfied' };
  const entityIdOf = async (key: string) => ((await db.execute(sql`select id from entities where key = ${key}`)) as unknown as { rows: { id: string }[] }).rows[0]?.id ?? '';
  await db.insert(callbacks).values([
    { ...callbackBase, entityId: await entityIdOf(entityKeys.f0 ?? ''), calledOn: '2025-05-20' },
    { ...callbackBase, entityId: await entityIdOf(entityKeys.c0 ?? ''), calledOn: '2025-06-20', satisfaction: 'dissatisfied', announcedInAdvance: true },
    { ...callbackBase, entityId: await entityIdOf(entityKeys.c1 ?? ''), calledOn: '2025-09-20', satisfaction: 'basically_satisfied' },
  ]);
  return { departments: { a, b, c }, entityKeys, inspectionIds };
}
