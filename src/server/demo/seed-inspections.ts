import { demoPrincipal, must } from './demo-services.ts';
import { eq } from 'drizzle-orm';
import type { Draw } from '../../contracts/tasks.ts';
import { loadConfig } from '../config.ts';
import type { Db } from '../db/database.ts';
import { officers } from '../db/schema-directory.ts';
import type { Principal } from '../http/access.ts';
import type { ServiceContext } from '../http/context.ts';
import {
  addEvidenceFor, correctFor, getInspectionFor, listInspectionsFor, publishFor, reviewFor, saveDraftFor, signFor, submitFor,
} from '../modules/inspections/inspections.service.ts';
import { appendAudit } from '../audit/audit-log.ts';
import { hashPassword } from '../auth/secrets.ts';
import { findDepartmentByCode } from '../modules/organizations/organizations.repository.ts';
import { findUserByUsername, insertUser } from '../modules/users/users.repository.ts';
import { demoPassword } from './demo-data.ts';
import type { StoryClock } from './demo-story.ts';

/**
 * The demo year's inspections of the drawn task (QXJT-YYYY-001), in every state a bureau
 * sees: 录入中 (draft), 已提交待审核 (submitted, now overdue), 已退回 (returned), 已公示
 * (published on time), 已更正 (a correction with its reason), a published problem with its
 * follow-up, through the same services as the HTTP routes, entered by the officers who were
 * drawn for them (their accounts linked to their directory records).
 */

/** A 1×1 PNG: a signature drawn on screen, and a photo of the site, as small as they come. */
const tinyPng = 'iVBORw0KGgoAAAANSUhEUgAAAAEAAAABCAQAAAC1HAwCAAAAC0lEQVR42mNkYAAAAAYAAjCB0C8AAAAASUVORK5CYII=';

export interface DemoInspections {
  /** Object keys by the state they were left in. */
  byState: Partial<Record<DemoInspectionState, string>>;
  /** Officer key of each demo officer account. */
  linkedOfficers: Record<string, string>;
}

export type DemoInspectionState = 'draft' | 'submitted' | 'returned' | 'published' | 'corrected' | 'problem';


export async function seedInspections(db: Db, clock: StoryClock, completed: Draw): Promise<DemoInspections> {
  const ctx: ServiceContext = { db, config: loadConfig({}), now: clock.now };

  // Each state goes to one object of the drawn task, in draw order; the object's 综合执法大队
  // officer enters it. zhifa1 and zhifa2 are the first two such officers (zhifa1 keeps the open
  // draft for the browser journey); the others get accounts zhifa3, zhifa4, … (every officer
  // has an account in a real bureau; the demo makes only the ones its story needs).
  const brigade = await findDepartmentByCode(db, 'ZHZF');
  if (!brigade) throw new Error('demo department ZHZF is missing');
  const passwordHash = await hashPassword(demoPassword);
  const accountOf = new Map<string, Principal>();
  const linkedOfficers: Record<string, string> = {};
  const principalForOfficer = async (officerKey: string, officerName: string): Promise<Principal> => {
    const known = accountOf.get(officerKey);
    if (known) return known;
    const username = `zhifa${accountOf.size + 1}`;
    let userId = (await findUserByUsername(db, username))?.id;
    if (userId === undefined) {
      const now = clock.now();
      userId = await db.transaction(async (tx) => {
        const user = await insertUser(tx, {
          username, displayName: officerName, passwordHash, roles: ['officer'], departmentId: brigade.id, createdAt: now, updatedAt: now,
        });
        await appendAudit(tx, {
          actor: { id: null, name: '演示数据' }, action: 'user.created', subjectType: 'user', subjectId: user.id,
          summary: `创建用户“${username}”（${officerName}）`, changes: { username, displayName: officerName, roles: ['officer'], departmentId: brigade.id },
        }, now);
        return user.id;
      });
    }
    await db.update(officers).set({ userId }).where(eq(officers.key, officerKey));
    linkedOfficers[username] = officerKey;
    const principal = await demoPrincipal(db, username);
    accountOf.set(officerKey, principal);
    return principal;
  };

  const reviewer = await demoPrincipal(db, 'yunguan');
  const work: { principal: Principal; id: string; objectKey: string }[] = [];
  for (const team of completed.teams.slice(0, 6)) {
    const member = team.officers.find((o) => o.department === '综合执法大队');
    if (!member) continue;
    const principal = await principalForOfficer(member.key, member.name);
    const list = must(await listInspectionsFor(ctx, principal, { scope: 'mine', page: 1, pageSize: 500 }), 'work list');
    const item = list.items.find((i) => i.drawId === completed.drawId && i.object.key === team.object);
    if (item) work.push({ principal, id: item.id, objectKey: item.object.key });
  }
  const year = clock.year;

  const day = (mmdd: string) => `${year}-${mmdd}`;
  const fill = async (w: (typeof work)[number], startedOn: string, endedOn: string | null, problem: boolean, answerAll = true) => {
    const inspection = must(await getInspectionFor(ctx, w.principal, w.id), 'read inspection');
    const answers = inspection.checklist.flatMap((item) => item.checkpoints
      .filter((_, index) => answerAll || index === 0)
      .map((point, index) => ({
        itemId: item.itemId, checkpoint: point.code,
        answer: problem && index === 0 ? ('no' as const) : ('yes' as const),
        note: problem && index === 0 ? '两辆营运客车未按规定进行年度审验' : '',
      })));
    must(await saveDraftFor(ctx, w.principal, w.id, {
      startedOn: day(startedOn), endedOn: endedOn === null ? null : day(endedOn), verificationMethods: ['on_site', 'documents'], answers,
      ...(answerAll ? { codes: problem ? ['A', '5'] : ['1'] } : {}),
      findings: problem ? '抽查营运客车 6 辆，其中 2 辆未按规定进行年度审验。' : '',
      remarks: problem ? '已责令限期整改' : '',
    }), 'save draft');
    return inspection;
  };
  const evidenceAndSignatures = async (w: (typeof work)[number]) => {
    must(await addEvidenceFor(ctx, w.principal, w.id, {
      fileName: '现场照片.png', claimedMime: 'image/png', bytes: new Uint8Array(Buffer.from(tinyPng, 'base64')), size: Buffer.from(tinyPng, 'base64').length,
    }), 'evidence');
    const inspection = must(await getInspectionFor(ctx, w.principal, w.id), 'read inspection');
    for (const member of inspection.team) {
      must(await signFor(ctx, w.principal, w.id, { signer: 'officer', officerKey: member.key, imagePng: tinyPng }), 'officer signature');
    }
    must(await signFor(ctx, w.principal, w.id, { signer: 'representative', name: '企业负责人', imagePng: tinyPng }), 'representative signature');
  };
  const submitted = async (w: (typeof work)[number], start: string, end: string, problem: boolean, submitOn: string) => {
    // Entered at the end of the inspection day (an end date may not lie in the future).
    clock.at(end, '17:00');
    await fill(w, start, end, problem);
    await evidenceAndSignatures(w);
    clock.at(submitOn);
    must(await submitFor(ctx, w.principal, w.id), 'submit');
  };

  const byState: DemoInspections['byState'] = {};
  const plan: { state: DemoInspectionState; run: (w: (typeof work)[number]) => Promise<void> }[] = [
    // zhifa1's first object stays open for the browser journey: only a start date and a first answer.
    { state: 'draft', run: async (w) => { clock.at('09-20'); await fill(w, '09-20', null, false, false); } },
    {
      state: 'published', run: async (w) => {
        await submitted(w, '04-10', '04-12', false, '04-15');
        clock.at('04-18');
        must(await reviewFor(ctx, reviewer, w.id, { decision: 'approve', comment: '' }), 'approve');
        must(await publishFor(ctx, reviewer, w.id), 'publish');
      },
    },
    {
      state: 'corrected', run: async (w) => {
        await submitted(w, '04-19', '04-22', false, '04-26');
        clock.at('05-08');
        must(await reviewFor(ctx, reviewer, w.id, { decision: 'approve', comment: '' }), 'approve');
        must(await publishFor(ctx, reviewer, w.id), 'publish');
        clock.at('05-20');
        must(await correctFor(ctx, reviewer, w.id, {
          reason: '企业提交了整改前已完成年审的证明，原结果代码录入有误，予以更正', codes: ['E'], remarks: '发现问题已责令改正', findings: '',
        }), 'correct');
      },
    },
    {
      state: 'problem', run: async (w) => {
        await submitted(w, '05-08', '05-10', true, '05-14');
        // Published late (after the 20 working days): the oversight dashboard's story of 逾期公示.
        clock.at('06-20');
        must(await reviewFor(ctx, reviewer, w.id, { decision: 'approve', comment: '' }), 'approve');
        must(await publishFor(ctx, reviewer, w.id), 'publish');
      },
    },
    {
      state: 'returned', run: async (w) => {
        await submitted(w, '07-01', '07-03', false, '07-06');
        clock.at('07-10');
        must(await reviewFor(ctx, reviewer, w.id, { decision: 'return', comment: '检查要点备注过于简略，请补充车辆检查情况后重新提交' }), 'return');
      },
    },
    { state: 'submitted', run: async (w) => { await submitted(w, '08-26', '08-28', false, '09-01'); } },
  ];
  // The story runs in date order whatever object gets which state.
  const ordered = plan.map((p, index) => ({ ...p, work: work[index] }))
    .filter((p): p is typeof p & { work: (typeof work)[number] } => p.work !== undefined);
  const byDate = [...ordered].sort((a, b) => order(a.state) - order(b.state));
  for (const step of byDate) {
    await step.run(step.work);
    byState[step.state] = step.work.objectKey;
  }
  return { byState, linkedOfficers };
}

/** When each state's story happens in the year (spring first, the open draft last). */
function order(state: DemoInspectionState): number {
  return ['published', 'corrected', 'problem', 'returned', 'submitted', 'draft'].indexOf(state);
}
