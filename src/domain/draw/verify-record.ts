import { compareCodePoints } from './compare-code-points.ts';
import { computeDraw, type DrawOptions } from './compute-draw.ts';
import { formatDrawError } from './draw-errors.ts';
import { normaliseSeed } from './seed.ts';
import type { DrawInput, DrawOutput, DrawRecord, StratumOutput } from './types.ts';

export interface VerifyReport {
  /** True when every output recomputes exactly and the metadata is consistent. */
  ok: boolean;
  /** One line per difference, e.g. `strata[B].selected differs: …`. */
  differences: string[];
  /** Remarks that do not fail verification (e.g. a system-generated seed). */
  notes: string[];
}

/** The computation input held in a record: the record without its metadata and output. */
export function recordInput(record: DrawRecord): DrawInput {
  const input: DrawInput = { drawId: record.drawId, seed: record.seed, strata: record.strata };
  if (record.matching) input.matching = record.matching;
  return input;
}

const show = (value: unknown) => JSON.stringify(value);

function listDifference(expected: readonly string[], recorded: readonly string[]): string | null {
  const length = Math.max(expected.length, recorded.length);
  for (let i = 0; i < length; i++) {
    if (expected[i] !== recorded[i]) {
      if (length <= 12) return `expected ${show(expected)}, recorded ${show(recorded)}`;
      return `first at [${i}]: expected ${show(expected[i] ?? null)}, recorded ${show(recorded[i] ?? null)} (${expected.length} expected, ${recorded.length} recorded)`;
    }
  }
  return null;
}

function compareStratum(expected: StratumOutput, recorded: StratumOutput, out: string[]): void {
  const at = `strata[${expected.name}]`;
  if (expected.n !== recorded.n) out.push(`${at}.n differs: expected ${expected.n}, recorded ${recorded.n}`);
  if (expected.quota !== recorded.quota) out.push(`${at}.quota differs: expected ${expected.quota}, recorded ${recorded.quota}`);
  if (expected.listHash !== recorded.listHash) {
    out.push(`${at}.listHash differs (listHash of stratum ${expected.name}): expected ${expected.listHash}, recorded ${recorded.listHash}`);
  }
  const selected = listDifference(expected.selected, recorded.selected);
  if (selected) out.push(`${at}.selected differs: ${selected}`);
  if (expected.cutoffTicket !== recorded.cutoffTicket) {
    out.push(`${at}.cutoffTicket differs: expected ${show(expected.cutoffTicket)}, recorded ${show(recorded.cutoffTicket)}`);
  }
}

/** Compares a recomputed output with a recorded one, field by field. */
export function compareOutputs(expected: DrawOutput, recorded: DrawOutput): string[] {
  const out: string[] = [];
  const expectedNames = expected.strata.map((s) => s.name);
  const recordedNames = recorded.strata.map((s) => s.name);
  const names = listDifference(expectedNames, recordedNames);
  if (names) out.push(`strata names or order differ: ${names}`);
  for (const stratum of expected.strata) {
    const other = recorded.strata.find((s) => s.name === stratum.name);
    if (other) compareStratum(stratum, other, out);
  }
  const order = listDifference(expected.order, recorded.order);
  if (order) out.push(`order differs: ${order}`);

  if (expected.assignments === null || recorded.assignments === null) {
    if (expected.assignments !== recorded.assignments) {
      out.push(`assignments differ: expected ${expected.assignments === null ? 'null (no matching)' : `${expected.assignments.length} teams`}, recorded ${recorded.assignments === null ? 'null' : `${recorded.assignments.length} teams`}`);
    }
    return out;
  }
  const length = Math.max(expected.assignments.length, recorded.assignments.length);
  if (expected.assignments.length !== recorded.assignments.length) {
    out.push(`assignments differ in length: expected ${expected.assignments.length}, recorded ${recorded.assignments.length}`);
  }
  for (let i = 0; i < length; i++) {
    const e = expected.assignments[i];
    const r = recorded.assignments[i];
    if (!e || !r) continue;
    if (e.object !== r.object) out.push(`assignments[${i}].object differs: expected ${e.object}, recorded ${r.object}`);
    const officers = listDifference(e.officers, r.officers);
    if (officers) out.push(`assignments[${i}].officers differ (object ${e.object}): ${officers}`);
  }
  return out;
}

/**
 * Verifies a published draw record (spec §5): recomputes every output from the inputs and
 * lists each difference, and checks that the metadata is consistent (the seed is made after
 * the freeze; department contributions concatenate to the seed; exclusions name strata).
 */
export function verifyRecord(record: DrawRecord, options: DrawOptions = {}): VerifyReport {
  const differences: string[] = [];
  const notes: string[] = [];

  const computed = computeDraw(recordInput(record), options);
  if (!computed.ok) differences.push(`the draw cannot be recomputed: ${formatDrawError(computed.error)}`);
  else differences.push(...compareOutputs(computed.value, record.output));

  const frozen = Date.parse(record.frozenAt);
  const drawn = Date.parse(record.drawnAt);
  if (!(frozen < drawn)) differences.push(`drawnAt (${record.drawnAt}) is not after frozenAt (${record.frozenAt}): the seed must be made after the freeze`);

  const strataNames = new Set(record.strata.map((s) => s.name));
  record.exclusions.forEach((e, i) => {
    if (!strataNames.has(e.stratum)) differences.push(`exclusions[${i}] names an unknown stratum '${e.stratum}'`);
  });

  if (record.seedMethod === 'departments') {
    const contributions = record.seedContributions ?? [];
    if (contributions.length === 0) {
      differences.push('seedMethod is departments but seedContributions is missing');
    } else {
      const joined = [...contributions]
        .sort((a, b) => compareCodePoints(a.department, b.department))
        .map((c) => c.digits)
        .join('');
      const fromParts = normaliseSeed(joined);
      const seed = normaliseSeed(record.seed);
      if (!fromParts.ok || !seed.ok || fromParts.value !== seed.value) {
        differences.push('seed differs from the department contributions concatenated in sorted order of department names');
      }
    }
  } else if (record.seedContributions !== undefined) {
    differences.push(`seedContributions are given but seedMethod is ${record.seedMethod}`);
  }
  if (record.seedMethod === 'system') notes.push('种子为系统生成（较弱）: the seed was generated by the system, not made in public');

  return { ok: differences.length === 0, differences, notes };
}
