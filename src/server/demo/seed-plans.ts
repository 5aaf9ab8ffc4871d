import { demoPrincipal, must } from './demo-services.ts';
import { createPlanBodySchema, updatePlanBodySchema } from '../../contracts/plans.ts';
import { createTaskBodySchema, seedBodySchema, type Draw } from '../../contracts/tasks.ts';
import { loadConfig } from '../config.ts';
import type { Db } from '../db/database.ts';
import type { ServiceContext } from '../http/context.ts';
import { createJobRunner } from '../jobs/job-runner.ts';
import { abandonDrawFor, confirmDrawFor, getDrawFor, replaceOfficerFor, runDrawFor, setSeedFor } from '../modules/draws/draws.service.ts';
import { findItemByCode } from '../modules/items/items.repository.ts';
import { findDepartmentByCode } from '../modules/organizations/organizations.repository.ts';
import { createPlanFor, revisePlanFor, transitionPlanFor, updatePlanFor } from '../modules/plans/plans.service.ts';
import { createTaskFor, freezeTaskFor } from '../modules/tasks/tasks.service.ts';
import type { StoryClock } from './demo-story.ts';

/** What the demo plans and draws are, for the loader's test and the browser tests. */
export interface DemoDraws {
  year: number;
  planId: string;
  /** Drawn to the end: dice seed with witnesses, teams, a replacement, every department confirmed. */
  completed: Draw;
  /** Abandoned (with its reason) after the seed, then frozen again and drawn as `redrawn`. */
  abandoned: Draw;
  redrawn: Draw;
  /** Frozen and announced, waiting for its seed. */
  frozen: Draw;
}

/** Seeds are fixed so that every demo database draws the same way from the same candidates. */
export const demoDiceDigits = '3150 2641 6625 4431 2536 1426';
export const demoWitnesses = ['县司法局监督人员', '企业代表', '政策法规科工作人员'];
export const demoAbandonReason = '产生随机种子时见证人未全部到场，按规定作废本次抽取，重新冻结后另行产生种子';
export const demoPlanRevisionReason = '根据市交通运输局通知，增加危险货物道路运输企业联合抽查';


/**
 * The demo bureau's year: the 运输管理科 annual plan (published, then revised with a reason and
 * published again, so the portal shows two versions) and three tasks of it — one drawn to the
 * end, one whose first draw was abandoned and drawn again, one frozen and waiting for its seed.
 * Runs after the directory is loaded, through the same service functions as the HTTP routes, so
 * the data (audit events included) is what the application itself produces.
 */
export async function seedPlansAndDraws(
  db: Db, clock: StoryClock, afterDraws: (completed: Draw) => Promise<unknown> = async () => undefined,
): Promise<DemoDraws> {
  // The services read only db and now; the configuration (ports, data folder) plays no part here.
  const ctx: ServiceContext = { db, config: loadConfig({}), now: clock.now };
  const year = clock.year;
  const yunguan = await demoPrincipal(db, 'yunguan');
  const lingdao = await demoPrincipal(db, 'lingdao');
  const admin = await demoPrincipal(db, 'admin');

  const departmentId = async (code: string) => {
    const row = await findDepartmentByCode(db, code);
    if (!row) throw new Error(`demo department ${code} is missing`);
    return row.id;
  };
  const itemId = async (code: string) => {
    const row = await findItemByCode(db, code);
    if (!row) throw new Error(`demo item ${code} is missing`);
    return row.id;
  };
  const ysgl = await departmentId('YSGL');
  const zhzf = await departmentId('ZHZF');
  const aqjd = await departmentId('AQJD');
  const passenger = [await itemId('QXJT-SX-002'), await itemId('QXJT-SX-004')];
  const training = await itemId('QXJT-SX-006');
  const vehicles = await itemId('QXJT-SX-011');
  const repair = await itemId('QXJT-SX-005');
  const dangerous = await itemId('QXJT-SX-010');

  // ——— The annual plan, version 1 published, version 2 (a revision with its reason) published ———
  const line = (name: string, itemIds: string[], departmentIds: string[], industries: string[], ratioBp: number, from: string, to: string) =>
    ({ name, itemIds, departmentIds, scope: { industries }, ratioBp, periodFrom: `${year}-${from}`, periodTo: `${year}-${to}` });
  const lines = [
    line('道路客运企业经营行为联合抽查', [...passenger, vehicles], [zhzf], ['道路客运'], 2000, '03-01', '06-30'),
    line('机动车驾驶员培训机构抽查', [training], [], ['驾驶员培训'], 2000, '04-01', '09-30'),
    line('机动车维修经营者抽查', [repair, vehicles], [zhzf], ['机动车维修'], 1000, '05-01', '11-30'),
  ];
  clock.at('01-08');
  let plan = must(await createPlanFor(ctx, yunguan, createPlanBodySchema.parse({
    departmentId: ysgl, year, title: `运输管理科 ${year} 年度双随机抽查工作计划`, lines,
  })), 'create plan');
  const publish = async () => {
    must(await transitionPlanFor(ctx, yunguan, plan.id, 'submit'), 'submit plan');
    must(await transitionPlanFor(ctx, lingdao, plan.id, 'approve'), 'approve plan');
    plan = must(await transitionPlanFor(ctx, yunguan, plan.id, 'publish'), 'publish plan');
  };
  clock.at('01-15');
  await publish();

  // ——— Tasks of the plan ———
  const jobs = createJobRunner((name, error) => { throw new Error(`demo: job ${name} failed`, { cause: error }); });
  // Teams of two with one officer of 综合执法大队 (the brigade has officers in every year of the
  // demo directory); the other place is open to both participating departments.
  const team = { teamSize: 2, requiredDepartmentIds: [zhzf] };
  const task = async (code: string, name: string, body: Record<string, unknown>) => must(await createTaskFor(ctx, yunguan, createTaskBodySchema.parse({
    code: `QXJT-${year}-${code}`, name, planId: plan.id, organizerDepartmentId: ysgl, participatingDepartmentIds: [ysgl, zhzf], team, ...body,
  })), `create task ${code}`);
  const run = async (draw: Draw): Promise<Draw> => {
    must(await runDrawFor(ctx, jobs, yunguan, draw.id), `draw ${draw.drawId}`);
    await jobs.drain();
    const done = must(await getDrawFor(ctx, draw.id), `read draw ${draw.drawId}`);
    if (done.status !== 'completed') throw new Error(`demo: draw ${draw.drawId} ended ${done.status}: ${done.failure?.message ?? ''}`);
    return done;
  };

  // The tasks inspect firms (市场主体), not their vehicles: kinds ['subject'].
  // 1. Drawn to the end: risk strata, dice seed before witnesses, a replacement, dispatch confirmed.
  clock.at('02-26');
  const passengerTask = await task('001', '道路客运企业经营行为联合抽查', {
    itemIds: [...passenger, vehicles], scope: { industries: ['道路客运'], kinds: ['subject'] },
    strata: { kind: 'by_risk_class', quotas: { A: { ratioBp: 3000 }, B: { ratioBp: 1000 }, C: { ratioBp: 2000 }, D: { ratioBp: 10000 }, U: { count: 1 } } },
    periodFrom: `${year}-03-01`, periodTo: `${year}-06-30`,
  });
  clock.at('03-04');
  const frozen1 = must(await freezeTaskFor(ctx, yunguan, passengerTask.id), 'freeze task 001');
  clock.at('03-05', '10:00');
  must(await setSeedFor(ctx, yunguan, frozen1.id, seedBodySchema.parse({ method: 'dice', digits: demoDiceDigits, witnesses: demoWitnesses })), 'seed 001');
  let completed = await run(frozen1);
  const firstTeam = completed.teams[0];
  const leaving = firstTeam?.officers[firstTeam.officers.length - 1];
  if (!firstTeam || !leaving) throw new Error('demo: the completed draw has no team');
  clock.at('03-06');
  must(await replaceOfficerFor(ctx, yunguan, completed.id, { object: firstTeam.object, officer: leaving.key, reason: '该执法人员因公出差，不能参加本次检查' }), 'replace officer');
  must(await confirmDrawFor(ctx, yunguan, completed.id, ysgl), 'confirm 运输管理科');
  clock.at('03-07');
  completed = must(await confirmDrawFor(ctx, admin, completed.id, zhzf), 'confirm 综合执法大队');

  // 2. Abandoned after the seed, with its reason, then frozen again (a new draw ID) and drawn.
  clock.at('03-10');
  const trainingTask = await task('002', '机动车驾驶员培训机构抽查', {
    itemIds: [training], scope: { industries: ['驾驶员培训'], kinds: ['subject'] }, strata: { kind: 'single', quota: { ratioBp: 2000 } },
    periodFrom: `${year}-04-01`, periodTo: `${year}-09-30`,
  });
  clock.at('03-12');
  const frozen2 = must(await freezeTaskFor(ctx, yunguan, trainingTask.id), 'freeze task 002');
  must(await setSeedFor(ctx, yunguan, frozen2.id, seedBodySchema.parse({ method: 'dice', digits: '6612 3345 1526 6341 2253', witnesses: ['企业代表'] })), 'seed 002');
  clock.at('03-13', '10:30');
  const abandoned = must(await abandonDrawFor(ctx, yunguan, frozen2.id, demoAbandonReason), 'abandon 002');
  clock.at('03-14');
  const refrozen = must(await freezeTaskFor(ctx, yunguan, trainingTask.id), 'freeze task 002 again');
  clock.at('03-15', '10:00');
  must(await setSeedFor(ctx, yunguan, refrozen.id, seedBodySchema.parse({
    method: 'departments', witnesses: demoWitnesses,
    contributions: [{ departmentId: ysgl, digits: '4521 6633 1254' }, { departmentId: zhzf, digits: '2316 5542 6613' }],
  })), 'seed 002-2');
  const redrawn = await run(refrozen);

  // ——— The plan revised in March (a joint 危险货物 line), published again ———
  clock.at('03-20');
  must(await revisePlanFor(ctx, yunguan, plan.id, demoPlanRevisionReason), 'revise plan');
  must(await updatePlanFor(ctx, yunguan, plan.id, updatePlanBodySchema.parse({
    lines: [...lines, line('危险货物道路运输企业联合抽查', [dangerous, vehicles], [aqjd, zhzf], ['危险货物运输'], 3000, '07-01', '10-31')],
  })), 'update plan');
  clock.at('03-25');
  await publish();

  // The inspections of the drawn task, April to September (seed-inspections.ts).
  await afterDraws(completed);

  // 3. Frozen and announced at the end of September; the seed ceremony has not happened yet.
  clock.at('09-24');
  const repairTask = await task('003', '机动车维修经营者抽查', {
    itemIds: [repair, vehicles], scope: { industries: ['机动车维修'], kinds: ['subject'] },
    strata: { kind: 'by_risk_class', quotas: { A: { ratioBp: 2000 }, B: { ratioBp: 1000 }, C: { ratioBp: 1000 }, D: { ratioBp: 5000 }, U: { count: 1 } } },
    exclusions: { excludedStatuses: ['deregistered', 'revoked', 'moved_out', 'closed'], inspectedWithinDays: 365 },
    periodFrom: `${year}-05-01`, periodTo: `${year}-11-30`,
  });
  clock.at('09-28');
  const frozen = must(await freezeTaskFor(ctx, yunguan, repairTask.id), 'freeze task 003');

  return { year, planId: plan.id, completed, abandoned, redrawn, frozen };
}
