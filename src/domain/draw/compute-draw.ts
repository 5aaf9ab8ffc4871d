import { compareCodePoints } from './compare-code-points.ts';
import type { DrawResult } from './draw-errors.ts';
import { drawOk } from './draw-errors.ts';
import { matchOfficers } from './match.ts';
import { drawOrder, selectStratum } from './select.ts';
import { drawTicketer, type Sha256 } from './ticket.ts';
import type { Assignment, DrawInput, DrawOutput } from './types.ts';
import { validateDrawInput } from './validate.ts';

export interface DrawOptions {
  /** The SHA-256 to use (default @noble/hashes). Any correct implementation gives the same draw. */
  sha256?: Sha256;
}

/**
 * The computation document (spec §6): validates the input, selects in every stratum, orders
 * the selected objects and, when the input has `matching`, matches officers. The output's keys
 * are built in the order of the published vectors, so JSON.stringify prints them that way.
 */
export function computeDraw(input: DrawInput, options: DrawOptions = {}): DrawResult<DrawOutput> {
  const digest = options.sha256;
  const valid = validateDrawInput(input);
  if (!valid.ok) return valid;
  const { seed } = valid.value;
  const ticket = drawTicketer(seed, input.drawId, digest);
  const strata = [...input.strata].sort((a, b) => compareCodePoints(a.name, b.name));
  const selections = strata.map((stratum) => selectStratum(stratum, ticket, digest));
  const order = drawOrder(selections).map((s) => s.key);
  let assignments: Assignment[] | null = null;
  if (input.matching) {
    const matched = matchOfficers(seed, input.drawId, order, input.matching, digest);
    if (!matched.ok) return matched;
    assignments = matched.value;
  }
  return drawOk({ strata: selections.map((s) => s.output), order, assignments });
}

/** The output document as the CLI prints it and the vectors hold it: JSON with a 1-space indent. */
export function formatDrawOutput(output: DrawOutput): string {
  return JSON.stringify(output, null, 1);
}
