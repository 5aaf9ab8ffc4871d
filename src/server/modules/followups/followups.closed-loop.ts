import { isClosedLoop, type FollowUpStatus } from '../../../domain/followup/followup.ts';

/**
 * The follow-up status of a result over all its follow-ups (a result may have several
 * measures): 'closed' (已闭环) only when the domain says the loop is closed — every one
 * closed; 'open' while none has started; 'in_progress' otherwise. Used by the inspection
 * detail and the public portal, so that both say the same.
 */
export function resultFollowUpStatus(statuses: readonly string[]): FollowUpStatus {
  if (isClosedLoop(true, statuses.map((status) => ({ status: status as FollowUpStatus })))) return 'closed';
  return statuses.every((s) => s === 'open') ? 'open' : 'in_progress';
}

/** One row per inspection: the first follow-up's id and the status over all of them. */
export function closedLoopByInspection<T extends { id: string; inspectionId: string; status: string }>(rows: readonly T[]): { id: string; inspectionId: string; status: FollowUpStatus }[] {
  const groups = new Map<string, T[]>();
  for (const row of rows) groups.set(row.inspectionId, [...(groups.get(row.inspectionId) ?? []), row]);
  return [...groups.values()].map((group) => ({
    id: group[0]?.id ?? '', inspectionId: group[0]?.inspectionId ?? '', status: resultFollowUpStatus(group.map((g) => g.status)),
  }));
}
