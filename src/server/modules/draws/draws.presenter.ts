import type { z } from 'zod';
import type { Draw, publicDrawAnnouncementSchema, SeedBody } from '../../../contracts/tasks.ts';
import { createOfficialCalendar } from '../../../domain/calendar/official-data.ts';
import { dispatchStatus } from '../../../domain/task/dispatch.ts';
import { chinaDate, chinaIso } from '../../../domain/task/china-time.ts';
import { applyReplacements } from '../../../domain/task/replacement.ts';
import { normaliseSeed } from '../../../domain/draw/seed.ts';
import { drawTicketer } from '../../../domain/draw/ticket.ts';
import { nodeSha256 } from '../../draw/node-sha256.ts';
import type { Assignment, QuotaRule } from '../../../domain/draw/types.ts';
import type { ServiceContext } from '../../http/context.ts';
import { departmentsByIds, entityNamesByKeys } from '../tasks/lookups.repository.ts';
import { officersByKeys, type DrawRow, type TaskRow } from '../tasks/tasks.repository.ts';
import type { DrawHead } from './draw-columns.ts';
import { confirmationsOf, replacementsOf, type ReplacementRow } from './draws.repository.ts';

const iso = (d: Date | null) => (d ? chinaIso(d) : null);
const calendar = createOfficialCalendar();

export function announcementStrata(row: Pick<DrawHead, 'strataCounts' | 'listHashes'>): { name: string; quota: QuotaRule; n: number; listHash: string }[] {
  return row.strataCounts.map((s) => ({ name: s.name, quota: s.quota, n: s.n, listHash: row.listHashes[s.name] ?? '' }));
}

/** The teams as they stand: the draw's assignments with the recorded replacements applied. */
export function currentTeams(row: Pick<DrawRow, 'output'>, replacements: readonly ReplacementRow[]): Assignment[] {
  const assignments = row.output?.assignments ?? [];
  return applyReplacements(assignments, replacements.map((r) => ({ object: r.objectKey, replaced: r.replacedOfficerKey, replacement: r.replacementOfficerKey })));
}

function presentReplacement(r: ReplacementRow) {
  return {
    seq: r.seq, object: r.objectKey, replaced: r.replacedOfficerKey, replacement: r.replacementOfficerKey,
    slot: r.slot, reason: r.reason, createdAt: chinaIso(r.createdAt),
  };
}

/** The tickets of the selected objects (a few hundred at most: cheap to recompute, nothing stored twice). */
export function selectedTickets(row: Pick<DrawRow, 'seed' | 'drawId' | 'output'>): { key: string; ticket: string }[] {
  if (!row.output || row.seed === null) return [];
  const seed = normaliseSeed(row.seed);
  if (!seed.ok) return [];
  const ticketOf = drawTicketer(seed.value, row.drawId, nodeSha256);
  return row.output.order.map((key) => ({ key, ticket: ticketOf(key) }));
}

/** The draw as staff see it (officer names included: this is not a public presenter). */
export async function presentDraw(ctx: ServiceContext, row: DrawHead, task: TaskRow): Promise<Draw> {
  const replacements = await replacementsOf(ctx.db, row.id);
  const teams = currentTeams(row, replacements);
  const officerKeys = [...new Set(teams.flatMap((t) => t.officers))];
  const [officerRows, objectNames] = await Promise.all([officersByKeys(ctx.db, officerKeys), entityNamesByKeys(ctx.db, teams.map((t) => t.object))]);
  const officerByKey = new Map(officerRows.map((o) => [o.key, o]));
  const poolDepartment = new Map(row.matching.officers.map((o) => [o.key, o.department]));
  let dispatch: Draw['dispatch'] = null;
  if (row.status === 'completed' && row.drawnAt) {
    const [confirmations, participating] = await Promise.all([confirmationsOf(ctx.db, row.id), departmentsByIds(ctx.db, task.participatingDepartmentIds)]);
    const confirmedOn = new Map(confirmations.map((c) => [c.departmentId, chinaDate(c.confirmedAt)]));
    dispatch = dispatchStatus(calendar, chinaDate(row.drawnAt), row.confirmWorkdays, chinaDate(ctx.now()),
      participating.map((d) => ({ departmentId: d.id, departmentName: d.name, confirmedOn: confirmedOn.get(d.id) ?? null })));
  }
  return {
    id: row.id,
    taskId: row.taskId,
    drawId: row.drawId,
    status: row.status as Draw['status'],
    frozenAt: chinaIso(row.frozenAt),
    strata: announcementStrata(row),
    exclusions: row.exclusions,
    unplanned: row.unplanned,
    officerPoolSize: row.matching.officers.length,
    recusalCount: row.matching.recusals.length,
    teamSize: row.matching.teamSize,
    requiredDepartments: row.matching.requiredDepartments,
    requiredTags: row.matching.requiredTags,
    seed: row.seed,
    seedMethod: (row.seedMethod as SeedBody['method'] | null) ?? null,
    seedContributions: row.seedContributions ?? null,
    witnesses: row.witnesses ?? [],
    seededAt: iso(row.seededAt),
    startedAt: iso(row.startedAt),
    drawnAt: iso(row.drawnAt),
    output: row.output ?? null,
    selectedTickets: selectedTickets(row),
    failure: row.failure ?? null,
    abandonedAt: iso(row.abandonedAt),
    abandonReason: row.abandonReason,
    teams: teams.map((t) => ({
      object: t.object,
      objectName: objectNames.get(t.object) ?? null,
      officers: t.officers.map((key) => ({ key, name: officerByKey.get(key)?.name ?? '', department: poolDepartment.get(key) ?? '' })),
    })),
    replacements: replacements.map(presentReplacement),
    dispatch,
  };
}

/**
 * The public draw announcement (抽取公告): counts, hashes, rules, exclusion counts and — once
 * drawn — the failure or the replacements. Officers by key only; no names, no user ids.
 */
export async function presentPublicAnnouncement(ctx: ServiceContext, row: DrawHead): Promise<z.infer<typeof publicDrawAnnouncementSchema>> {
  const replacements = await replacementsOf(ctx.db, row.id);
  return {
    drawId: row.drawId,
    status: row.status as Draw['status'],
    frozenAt: chinaIso(row.frozenAt),
    strata: announcementStrata(row),
    exclusions: row.exclusions.map((e) => ({ stratum: e.stratum, reason: e.reason, count: e.count })),
    officerPoolSize: row.matching.officers.length,
    recusalCount: row.matching.recusals.length,
    seedMethod: (row.seedMethod as SeedBody['method'] | null) ?? null,
    drawnAt: iso(row.drawnAt),
    failure: row.failure ? { code: row.failure.code, message: row.failure.message } : null,
    abandonedAt: iso(row.abandonedAt),
    abandonReason: row.abandonReason,
    replacements: replacements.map((r) => ({
      seq: r.seq, object: r.objectKey, replaced: r.replacedOfficerKey, replacement: r.replacementOfficerKey, reason: r.reason, createdAt: chinaIso(r.createdAt),
    })),
  };
}
