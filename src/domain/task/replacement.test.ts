import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { compareCodePoints } from '../draw/compare-code-points.ts';
import { computeDraw } from '../draw/compute-draw.ts';
import { normaliseSeed } from '../draw/seed.ts';
import { matchTicket } from '../draw/ticket.ts';
import type { DrawInput, MatchingInput } from '../draw/types.ts';
import { applyReplacements, nextEligibleOfficer, replacementErrorMessage } from './replacement.ts';

const input = JSON.parse(readFileSync(new URL('../draw/vectors/03-joint-recusal.input.json', import.meta.url), 'utf8')) as DrawInput;
const matching = input.matching as MatchingInput;
const seedResult = normaliseSeed(input.seed);
if (!seedResult.ok) throw new Error('bad seed');
const seed = seedResult.value;
const drawn = computeDraw(input);
if (!drawn.ok || !drawn.value.assignments) throw new Error('vector 03 must draw');
const assignments = drawn.value.assignments;

/** The standard's order, written out by brute force: filter, then sort by (load, ticket, key). */
function bruteForce(object: string, officer: string, current = assignments, previously: string[] = []): string | undefined {
  const team = current.find((a) => a.object === object)?.officers ?? [];
  const slotIndex = team.indexOf(officer);
  const departments = [...matching.requiredDepartments].sort(compareCodePoints);
  const department = departments[slotIndex];
  const load = (key: string) => current.filter((a) => a.officers.includes(key)).length;
  return matching.officers
    .filter((o) => !team.includes(o.key) && !previously.includes(o.key))
    .filter((o) => !matching.recusals.some(([k, obj]) => k === o.key && obj === object))
    .filter((o) => department === undefined || o.department === department)
    .map((o) => ({ key: o.key, load: load(o.key), ticket: matchTicket(seed, input.drawId, object, o.key) }))
    .sort((a, b) => a.load - b.load || (a.ticket < b.ticket ? -1 : a.ticket > b.ticket ? 1 : compareCodePoints(a.key, b.key)))[0]?.key;
}

describe('nextEligibleOfficer', () => {
  it('replaces every officer of every team by the next one in the standard order', () => {
    let checked = 0;
    for (const team of assignments) {
      for (const officer of team.officers) {
        const result = nextEligibleOfficer({ seed, drawId: input.drawId, matching, assignments, object: team.object, officer });
        const expected = bruteForce(team.object, officer);
        if (expected === undefined) {
          expect(result.ok).toBe(false);
          continue;
        }
        expect(result.ok && result.value.replacement).toBe(expected);
        if (result.ok) {
          expect(team.officers).not.toContain(result.value.replacement);
          expect(matching.recusals.some(([k, o]) => k === result.value.replacement && o === team.object)).toBe(false);
          expect(result.value.team[result.value.slotIndex]).toBe(expected);
        }
        checked++;
      }
    }
    expect(checked).toBeGreaterThan(10);
  });

  it('keeps a department slot within its department', () => {
    const team = assignments[0];
    if (!team) throw new Error('no team');
    const first = team.officers[0] ?? '';
    const result = nextEligibleOfficer({ seed, drawId: input.drawId, matching, assignments, object: team.object, officer: first });
    if (!result.ok) throw new Error(replacementErrorMessage(result.error));
    expect(result.value.slot.kind).toBe('department');
    const department = (key: string) => matching.officers.find((o) => o.key === key)?.department;
    expect(department(result.value.replacement)).toBe(department(first));
  });

  it('does not choose an officer replaced before on the same object, and counts loads after replacements', () => {
    const team = assignments[1];
    if (!team) throw new Error('no team');
    const officer = team.officers[2] ?? '';
    const first = nextEligibleOfficer({ seed, drawId: input.drawId, matching, assignments, object: team.object, officer });
    if (!first.ok) throw new Error('first replacement failed');
    const current = applyReplacements(assignments, [{ object: team.object, replaced: officer, replacement: first.value.replacement }]);
    const second = nextEligibleOfficer({
      seed, drawId: input.drawId, matching, assignments: current, object: team.object, officer: first.value.replacement, previouslyReplaced: [officer],
    });
    if (!second.ok) throw new Error('second replacement failed');
    expect(second.value.replacement).not.toBe(officer);
    expect(second.value.replacement).toBe(bruteForce(team.object, first.value.replacement, current, [officer]));
  });

  it('fails with a Chinese reason when nobody is eligible or the officer is not on the team', () => {
    const team = assignments[0];
    if (!team) throw new Error('no team');
    const officer = team.officers[0] ?? '';
    const lonely: MatchingInput = { ...matching, officers: matching.officers.filter((o) => team.officers.includes(o.key)) };
    const none = nextEligibleOfficer({ seed, drawId: input.drawId, matching: lonely, assignments, object: team.object, officer });
    expect(none.ok).toBe(false);
    if (!none.ok) expect(replacementErrorMessage(none.error)).toMatch(/没有可替换的执法人员/);
    const stranger = nextEligibleOfficer({ seed, drawId: input.drawId, matching, assignments, object: team.object, officer: 'NOBODY' });
    expect(!stranger.ok && stranger.error.code).toBe('OFFICER_NOT_IN_TEAM');
    const unknown = nextEligibleOfficer({ seed, drawId: input.drawId, matching, assignments, object: 'X', officer });
    expect(!unknown.ok && unknown.error.code).toBe('OBJECT_NOT_DRAWN');
  });
});
