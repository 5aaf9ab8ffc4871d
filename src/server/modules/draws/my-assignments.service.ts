import type { MyAssignments } from '../../../contracts/tasks.ts';
import { createOfficialCalendar } from '../../../domain/calendar/official-data.ts';
import { chinaDate } from '../../../domain/task/china-time.ts';
import { dispatchStatus } from '../../../domain/task/dispatch.ts';
import type { Principal } from '../../http/access.ts';
import type { ServiceContext } from '../../http/context.ts';
import { ok, type Result } from '../../http/failures.ts';
import { departmentsByIds, entityNamesByKeys } from '../tasks/lookups.repository.ts';
import { findTask, officersByKeys } from '../tasks/tasks.repository.ts';
import { completedDrawsNaming, confirmationsOf, officersOfUser, replacementsOf } from './draws.repository.ts';
import { currentTeams } from './draws.presenter.ts';

const calendar = createOfficialCalendar();

/**
 * 我的检查任务: the teams the calling officer is on, as they stand after replacements (an
 * officer replaced out no longer sees the object; the replacement does), with team-mates and
 * whether the officer's department has confirmed the list (派发确认) by its deadline.
 */
export async function myAssignmentsFor(ctx: ServiceContext, principal: Principal): Promise<Result<MyAssignments>> {
  const mine = await officersOfUser(ctx.db, principal.user.id);
  if (mine.length === 0) return ok({ linked: false, items: [] });
  const myKeys = new Set(mine.map((o) => o.key));
  const items: MyAssignments['items'] = [];
  const today = chinaDate(ctx.now());
  for (const draw of await completedDrawsNaming(ctx.db, [...myKeys])) {
    const teams = currentTeams(draw, await replacementsOf(ctx.db, draw.id)).filter((t) => t.officers.some((k) => myKeys.has(k)));
    if (teams.length === 0 || !draw.drawnAt) continue;
    const task = await findTask(ctx.db, draw.taskId);
    if (!task) continue;
    const [officerRows, objectNames, confirmations, participating] = await Promise.all([
      officersByKeys(ctx.db, [...new Set(teams.flatMap((t) => t.officers))]),
      entityNamesByKeys(ctx.db, teams.map((t) => t.object)),
      confirmationsOf(ctx.db, draw.id),
      departmentsByIds(ctx.db, task.participatingDepartmentIds),
    ]);
    const nameOf = new Map(officerRows.map((o) => [o.key, o.name]));
    const poolDepartment = new Map(draw.matching.officers.map((o) => [o.key, o.department]));
    const confirmedOn = new Map(confirmations.map((c) => [c.departmentId, chinaDate(c.confirmedAt)]));
    const dispatch = dispatchStatus(calendar, chinaDate(draw.drawnAt), draw.confirmWorkdays, today,
      participating.map((d) => ({ departmentId: d.id, departmentName: d.name, confirmedOn: confirmedOn.get(d.id) ?? null })));
    for (const team of teams) {
      const myDepartment = mine.find((o) => team.officers.includes(o.key))?.departmentId;
      const own = dispatch.departments.find((d) => d.departmentId === myDepartment);
      items.push({
        drawRowId: draw.id,
        drawId: draw.drawId,
        task: { id: task.id, code: task.code, name: task.name, periodFrom: task.periodFrom, periodTo: task.periodTo },
        object: team.object,
        objectName: objectNames.get(team.object) ?? null,
        team: team.officers.map((key) => ({ key, name: nameOf.get(key) ?? '', department: poolDepartment.get(key) ?? '' })),
        confirmation: own ? { deadline: dispatch.deadline, confirmedOn: own.confirmedOn, overdue: own.overdue } : null,
      });
    }
  }
  return ok({ linked: true, items });
}
