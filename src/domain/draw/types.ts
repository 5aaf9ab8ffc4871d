/**
 * Types of the public draw standard (spec/draw.md, suiji-draw-v1 and suiji-match-v1).
 * The zod schemas that validate these documents live in src/contracts/draw.ts.
 */

/** `{count: c}` (quota min(n, c)) or `{ratioBp: r}` (quota min(n, ceil(n·r/10000))). */
export type QuotaRule = { count: number } | { ratioBp: number };

export interface StratumInput {
  name: string;
  quota: QuotaRule;
  candidates: string[];
}

export interface OfficerInput {
  /** 执法证号 (enforcement certificate number). */
  key: string;
  department: string;
  tags: string[];
}

/** A recusal pair (回避): [officerKey, objectKey]. */
export type Recusal = [officerKey: string, objectKey: string];

export interface MatchingInput {
  teamSize: number;
  officers: OfficerInput[];
  requiredDepartments: string[];
  requiredTags: string[];
  recusals: Recusal[];
}

/** The computation input document (spec §6). */
export interface DrawInput {
  drawId: string;
  seed: string;
  strata: StratumInput[];
  matching?: MatchingInput | undefined;
}

export interface StratumOutput {
  name: string;
  n: number;
  quota: number;
  listHash: string;
  /** Selected keys, in ticket order. */
  selected: string[];
  /** Ticket of the last selected candidate; null when nothing is selected. */
  cutoffTicket: string | null;
}

export interface Assignment {
  object: string;
  /** Officer keys in slot order: department slots first, then open slots. */
  officers: string[];
}

/** The computation output document (spec §6). Key order matters for the printed JSON. */
export interface DrawOutput {
  strata: StratumOutput[];
  order: string[];
  assignments: Assignment[] | null;
}

export type SeedMethod = 'dice' | 'departments' | 'system';

/** One department's digits, when the seed is made by the participating departments. */
export interface SeedContribution {
  department: string;
  digits: string;
}

/** How many candidates were excluded before the freeze, per stratum and reason. */
export interface ExclusionCount {
  stratum: string;
  reason: string;
  count: number;
}

export const DRAW_STANDARD = 'suiji-draw-v1';

/**
 * The published draw record (spec §5): the computation input, the computation output under
 * `output`, and the metadata of the freeze and the seed ceremony.
 * Removing `standard`, `seedMethod`, `seedContributions`, `witnesses`, `frozenAt`, `drawnAt`,
 * `exclusions` and `output` leaves exactly the computation input document, and `output` is
 * exactly the computation output document.
 */
export interface DrawRecord {
  standard: typeof DRAW_STANDARD;
  drawId: string;
  /** The seed as made (white space allowed; it is removed before use). */
  seed: string;
  seedMethod: SeedMethod;
  /** Required when seedMethod is 'departments': concatenated in sorted department order. */
  seedContributions?: SeedContribution[] | undefined;
  /** Witnesses of the seed ceremony (names or roles as published). */
  witnesses: string[];
  /** ISO 8601 date-time with offset: when candidates and rules were frozen. */
  frozenAt: string;
  /** ISO 8601 date-time with offset: when the draw was computed (after the seed). */
  drawnAt: string;
  strata: StratumInput[];
  exclusions: ExclusionCount[];
  matching?: MatchingInput | undefined;
  output: DrawOutput;
}
