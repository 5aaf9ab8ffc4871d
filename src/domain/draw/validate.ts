import { isWellFormed } from './compare-code-points.ts';
import type { DrawResult } from './draw-errors.ts';
import { drawFail, drawOk } from './draw-errors.ts';
import { isValidQuotaRule } from './quota.ts';
import { normaliseSeed } from './seed.ts';
import type { DrawInput } from './types.ts';

const hasLineFeed = (text: string) => text.includes('\n');
/** A key is hashed and listed one per line: it must be non-empty, without a line feed, and valid Unicode. */
const isValidKey = (key: string) => key.length > 0 && !hasLineFeed(key) && isWellFormed(key);

/**
 * Checks a computation input (spec §6) and returns the normalised seed. The first problem
 * found is returned, in this order: seed, drawId, strata (name, duplicate name, quota, keys,
 * duplicate keys, stratum by stratum), then matching (team size, required departments,
 * officer keys).
 */
export function validateDrawInput(input: DrawInput): DrawResult<{ seed: string }> {
  const seed = normaliseSeed(input.seed);
  if (!seed.ok) return seed;
  if (hasLineFeed(input.drawId) || !isWellFormed(input.drawId)) return drawFail({ code: 'INVALID_DRAW_ID' });

  const names = new Set<string>();
  const owner = new Map<string, string>();
  for (const stratum of input.strata) {
    if (hasLineFeed(stratum.name) || !isWellFormed(stratum.name)) return drawFail({ code: 'INVALID_STRATUM_NAME', name: stratum.name });
    if (names.has(stratum.name)) return drawFail({ code: 'DUPLICATE_STRATUM_NAME', name: stratum.name });
    names.add(stratum.name);
    if (!isValidQuotaRule(stratum.quota)) return drawFail({ code: 'INVALID_QUOTA', stratum: stratum.name });
    for (const key of stratum.candidates) {
      if (!isValidKey(key)) return drawFail({ code: 'INVALID_KEY', key, of: 'candidate' });
      const first = owner.get(key);
      if (first !== undefined) return drawFail({ code: 'DUPLICATE_CANDIDATE_KEY', key, strata: [first, stratum.name] });
      owner.set(key, stratum.name);
    }
  }

  const matching = input.matching;
  if (matching) {
    const { teamSize, requiredDepartments } = matching;
    if (!Number.isSafeInteger(teamSize) || teamSize < 2) return drawFail({ code: 'TEAM_SIZE_TOO_SMALL', teamSize });
    const departments = new Set<string>();
    for (const department of requiredDepartments) {
      if (departments.has(department)) return drawFail({ code: 'DUPLICATE_REQUIRED_DEPARTMENT', department });
      departments.add(department);
    }
    if (teamSize < requiredDepartments.length) {
      return drawFail({ code: 'TEAM_SMALLER_THAN_DEPARTMENTS', teamSize, departments: requiredDepartments.length });
    }
    const officerKeys = new Set<string>();
    for (const officer of matching.officers) {
      if (!isValidKey(officer.key)) return drawFail({ code: 'INVALID_KEY', key: officer.key, of: 'officer' });
      if (officerKeys.has(officer.key)) return drawFail({ code: 'DUPLICATE_OFFICER_KEY', key: officer.key });
      officerKeys.add(officer.key);
    }
  }
  return drawOk({ seed: seed.value });
}
