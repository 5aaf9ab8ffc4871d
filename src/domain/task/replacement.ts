import { compareCodePoints } from '../draw/compare-code-points.ts';
import type { Slot } from '../draw/draw-errors.ts';
import { teamSlots } from '../draw/match.ts';
import { matchTicket } from '../draw/ticket.ts';
import type { Assignment, MatchingInput } from '../draw/types.ts';

/**
 * 人员替换: an officer of a drawn team who cannot go (illness, a conflict found late …) is
 * replaced by the next eligible officer in the standard's own order (spec/draw.md §4): for the
 * slot the officer held, among the officers not in the team, not the replaced one (nor anyone
 * replaced before on this object), not recused from the object, holding every required tag and,
 * for a department slot, of that department, the smallest (load, officerTicket, officerKey).
 * `load` is the number of teams the officer is on in the draw as it stands (after earlier
 * replacements). Nobody is hand-picked: the replacement is as verifiable as the draw.
 */

export interface ReplacementInput {
  /** The normalised seed and the drawId of the completed draw. */
  seed: string;
  drawId: string;
  matching: MatchingInput;
  /** The teams as they stand now (the draw's assignments with earlier replacements applied). */
  assignments: readonly Assignment[];
  object: string;
  /** The officer who cannot go. */
  officer: string;
  /** Officers replaced earlier on this object: they are not chosen again. */
  previouslyReplaced?: readonly string[];
}

export type ReplacementError =
  | { code: 'OBJECT_NOT_DRAWN'; object: string }
  | { code: 'OFFICER_NOT_IN_TEAM'; object: string; officer: string }
  | { code: 'NO_ELIGIBLE_OFFICER'; object: string; slot: Slot };

export interface Replacement {
  object: string;
  replaced: string;
  replacement: string;
  /** Index of the slot in the team (0-based, slot order). */
  slotIndex: number;
  slot: Slot;
  /** The officer ticket of the chosen officer for this object, for the record. */
  officerTicket: string;
  /** The team after the replacement, in slot order. */
  team: string[];
}

export type ReplacementResult = { ok: true; value: Replacement } | { ok: false; error: ReplacementError };

export function replacementErrorMessage(error: ReplacementError): string {
  switch (error.code) {
    case 'OBJECT_NOT_DRAWN':
      return `检查对象 ${error.object} 不在本次抽取结果中`;
    case 'OFFICER_NOT_IN_TEAM':
      return `执法人员 ${error.officer} 不在检查对象 ${error.object} 的检查组中`;
    case 'NO_ELIGIBLE_OFFICER':
      return error.slot.kind === 'department'
        ? `没有可替换的执法人员：检查对象 ${error.object} 的部门席位“${error.slot.department}”无符合条件的人员`
        : `没有可替换的执法人员：检查对象 ${error.object} 的第 ${error.slot.number} 个开放席位无符合条件的人员`;
  }
}

export function nextEligibleOfficer(input: ReplacementInput): ReplacementResult {
  const assignment = input.assignments.find((a) => a.object === input.object);
  if (!assignment) return { ok: false, error: { code: 'OBJECT_NOT_DRAWN', object: input.object } };
  const slotIndex = assignment.officers.indexOf(input.officer);
  if (slotIndex < 0) return { ok: false, error: { code: 'OFFICER_NOT_IN_TEAM', object: input.object, officer: input.officer } };
  const slots = teamSlots(input.matching.teamSize, input.matching.requiredDepartments);
  const slot = slots[slotIndex];
  if (!slot) return { ok: false, error: { code: 'OFFICER_NOT_IN_TEAM', object: input.object, officer: input.officer } };

  const loads = new Map<string, number>();
  for (const a of input.assignments) for (const key of a.officers) loads.set(key, (loads.get(key) ?? 0) + 1);
  const excluded = new Set<string>([...assignment.officers, input.officer, ...(input.previouslyReplaced ?? [])]);
  const recused = new Set(input.matching.recusals.filter(([, object]) => object === input.object).map(([officer]) => officer));
  const required = input.matching.requiredTags;

  let best: { key: string; load: number; ticket: string } | null = null;
  for (const officer of input.matching.officers) {
    if (excluded.has(officer.key) || recused.has(officer.key)) continue;
    if (!required.every((tag) => officer.tags.includes(tag))) continue;
    if (slot.kind === 'department' && officer.department !== slot.department) continue;
    const load = loads.get(officer.key) ?? 0;
    if (best !== null && load > best.load) continue;
    const ticket = matchTicket(input.seed, input.drawId, input.object, officer.key);
    if (
      best === null || load < best.load || ticket < best.ticket
      || (ticket === best.ticket && compareCodePoints(officer.key, best.key) < 0)
    ) {
      best = { key: officer.key, load, ticket };
    }
  }
  if (best === null) return { ok: false, error: { code: 'NO_ELIGIBLE_OFFICER', object: input.object, slot } };
  const team = [...assignment.officers];
  team[slotIndex] = best.key;
  return {
    ok: true,
    value: { object: input.object, replaced: input.officer, replacement: best.key, slotIndex, slot, officerTicket: best.ticket, team },
  };
}

/** The teams with replacements applied in order. */
export function applyReplacements(
  assignments: readonly Assignment[],
  replacements: readonly { object: string; replaced: string; replacement: string }[],
): Assignment[] {
  const teams = assignments.map((a) => ({ object: a.object, officers: [...a.officers] }));
  const byObject = new Map(teams.map((a) => [a.object, a]));
  for (const r of replacements) {
    const team = byObject.get(r.object);
    const index = team ? team.officers.indexOf(r.replaced) : -1;
    if (team && index >= 0) team.officers[index] = r.replacement;
  }
  return teams;
}
