import { compareCodePoints } from './compare-code-points.ts';
import type { DrawResult, Slot } from './draw-errors.ts';
import { drawFail, drawOk } from './draw-errors.ts';
import { matchTicketer, type Sha256 } from './ticket.ts';
import type { Assignment, MatchingInput } from './types.ts';

/** The slots of every team: one per required department in sorted order, then open slots. */
export function teamSlots(teamSize: number, requiredDepartments: readonly string[]): Slot[] {
  const departments = [...requiredDepartments].sort(compareCodePoints);
  const slots: Slot[] = departments.map((department, index) => ({ kind: 'department', department, index }));
  for (let number = 1; slots.length < teamSize; number++) {
    slots.push({ kind: 'open', number, index: slots.length });
  }
  return slots;
}

/**
 * Officer matching, suiji-match-v1 (spec §4). `objects` are in draw order and `matching` has
 * been validated (see validateDrawInput). For every slot the eligible officer with the smallest
 * (load, officerTicket, officerKey) is chosen; a slot with no eligible officer fails the match.
 * Only the officers at the smallest load get a ticket computed, and at most once per object.
 */
export function matchOfficers(
  seed: string,
  drawId: string,
  objects: readonly string[],
  matching: MatchingInput,
  digest?: Sha256,
): DrawResult<Assignment[]> {
  const required = matching.requiredTags;
  const officers = matching.officers.filter((o) => required.every((tag) => o.tags.includes(tag)));
  const keys = officers.map((o) => o.key);
  const keyOf = (i: number): string => keys[i] ?? '';
  const allIndexes = officers.map((_, i) => i);
  const byDepartment = new Map<string, number[]>();
  officers.forEach((o, i) => {
    const list = byDepartment.get(o.department);
    if (list) list.push(i);
    else byDepartment.set(o.department, [i]);
  });
  const recused = new Map<string, Set<string>>();
  for (const [officerKey, objectKey] of matching.recusals) {
    const set = recused.get(objectKey);
    if (set) set.add(officerKey);
    else recused.set(objectKey, new Set([officerKey]));
  }
  const slots = teamSlots(matching.teamSize, matching.requiredDepartments);
  const loads = new Array<number>(officers.length).fill(0);
  const assignments: Assignment[] = [];

  for (const object of objects) {
    const ticketOf = matchTicketer(seed, drawId, object, digest);
    const tickets = new Map<number, string>();
    const ticket = (i: number): string => {
      let t = tickets.get(i);
      if (t === undefined) {
        t = ticketOf(keyOf(i));
        tickets.set(i, t);
      }
      return t;
    };
    const recusedHere = recused.get(object);
    const team: number[] = [];
    for (const slot of slots) {
      const pool = slot.kind === 'department' ? (byDepartment.get(slot.department) ?? []) : allIndexes;
      const eligible = (i: number) => !team.includes(i) && !(recusedHere?.has(keyOf(i)) ?? false);
      let minLoad = Infinity;
      for (const i of pool) {
        const load = loads[i] ?? Infinity;
        if (load < minLoad && eligible(i)) minLoad = load;
      }
      if (minLoad === Infinity) return drawFail({ code: 'NO_ELIGIBLE_OFFICER', object, slot });
      let best = -1;
      let bestTicket = '';
      for (const i of pool) {
        if (loads[i] !== minLoad || !eligible(i)) continue;
        const t = ticket(i);
        if (
          best < 0 ||
          t < bestTicket ||
          (t === bestTicket && compareCodePoints(keyOf(i), keyOf(best)) < 0)
        ) {
          best = i;
          bestTicket = t;
        }
      }
      team.push(best);
      loads[best] = (loads[best] ?? 0) + 1;
    }
    assignments.push({ object, officers: team.map(keyOf) });
  }
  return drawOk(assignments);
}
