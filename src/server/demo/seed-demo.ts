import { appendAudit } from '../audit/audit-log.ts';
import { hashPassword } from '../auth/secrets.ts';
import type { Db } from '../db/database.ts';
import { countDepartments, insertDepartment } from '../modules/organizations/organizations.repository.ts';
import { countUsers, insertUser } from '../modules/users/users.repository.ts';
import { demoBureau, demoDepartments, demoPassword, demoUsers } from './demo-data.ts';
import { seedDirectory } from './seed-directory.ts';
import { demoStoryYear, storyClock } from './demo-story.ts';
import { seedInspections } from './seed-inspections.ts';
import { seedPlansAndDraws } from './seed-plans.ts';

export type SeedProgress = (done: number, total: number, label: string) => void;

/** Bureau, departments, users, then the plans, tasks and draws. */
export const demoSeedSteps = 1 + demoDepartments.length + demoUsers.length + 1;

/** Whether the database holds no departments and no users yet. */
export async function isEmptyDatabase(db: Db): Promise<boolean> {
  return (await countDepartments(db)) === 0 && (await countUsers(db)) === 0;
}

/**
 * Loads the demo bureau, departments and users into an empty database, in one transaction,
 * every row audited. Returns false (and changes nothing) when the database is not empty.
 */
export async function seedDemo(db: Db, now: Date, progress: SeedProgress = () => {}): Promise<boolean> {
  if (!(await isEmptyDatabase(db))) return false;
  // The demo tells one past year (demo-story.ts): the bureau, its staff and its directory are
  // set up at the start of that year, then the year's plan, draws and inspections follow.
  const clock = storyClock(demoStoryYear(now));
  now = clock.now();
  const passwordHash = await hashPassword(demoPassword);
  const actor = { id: null, name: '演示数据' };
  await db.transaction(async (tx) => {
    let done = 0;
    const bureau = await insertDepartment(tx, { ...demoBureau, parentId: null, sortOrder: 0, createdAt: now, updatedAt: now });
    await appendAudit(tx, {
      actor, action: 'department.created', subjectType: 'department', subjectId: bureau.id,
      summary: `新建机构“${bureau.name}”（${bureau.code}）`, changes: { ...demoBureau },
    }, now);
    progress((done += 1), demoSeedSteps, bureau.name);
    const idByCode = new Map<string, string>();
    for (const [index, department] of demoDepartments.entries()) {
      const row = await insertDepartment(tx, {
        ...department, parentId: bureau.id, regionCode: demoBureau.regionCode, sortOrder: (index + 1) * 10, createdAt: now, updatedAt: now,
      });
      idByCode.set(department.code, row.id);
      await appendAudit(tx, {
        actor, action: 'department.created', subjectType: 'department', subjectId: row.id,
        summary: `新建机构“${row.name}”（${row.code}）`, changes: { ...department, parentId: bureau.id },
      }, now);
      progress((done += 1), demoSeedSteps, row.name);
    }
    for (const user of demoUsers) {
      const departmentId = idByCode.get(user.departmentCode) ?? null;
      const row = await insertUser(tx, {
        username: user.username, displayName: user.displayName, passwordHash, roles: user.roles, departmentId,
        createdAt: now, updatedAt: now,
      });
      await appendAudit(tx, {
        actor, action: 'user.created', subjectType: 'user', subjectId: row.id,
        summary: `创建用户“${user.username}”（${user.displayName}）`,
        changes: { username: user.username, displayName: user.displayName, roles: user.roles, departmentId },
      }, now);
      progress((done += 1), demoSeedSteps, user.username);
    }
    await seedDirectory(tx, now, actor, idByCode);
    await appendAudit(tx, {
      actor, action: 'system.demo_seeded', subjectType: 'system', subjectId: null,
      summary: `载入演示数据：${demoBureau.name}，${demoDepartments.length} 个机构，${demoUsers.length} 个用户`,
    }, now);
  });
  // After the commit: the plan, task and draw services run their own transactions (and the
  // draw job), exactly as the HTTP routes do.
  await seedPlansAndDraws(db, clock, (completed) => seedInspections(db, clock, completed));
  progress(demoSeedSteps, demoSeedSteps, '抽查计划、任务、抽取与检查结果');
  return true;
}
