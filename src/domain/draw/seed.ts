import type { DrawResult } from './draw-errors.ts';
import { drawFail, drawOk } from './draw-errors.ts';

export const MIN_SEED_DIGITS = 20;

/**
 * Normalises a seed (spec §2): removes white space (any Unicode White_Space character,
 * e.g. spaces, tabs, line breaks, U+3000 ideographic space), then requires at least 20
 * ASCII decimal digits and nothing else.
 */
export function normaliseSeed(seed: string): DrawResult<string> {
  const digits = seed.replace(/[\p{White_Space}]/gu, '');
  if (!/^[0-9]*$/.test(digits)) return drawFail({ code: 'BAD_SEED', reason: 'not-digits', digits: digits.length });
  if (digits.length < MIN_SEED_DIGITS) return drawFail({ code: 'BAD_SEED', reason: 'too-short', digits: digits.length });
  return drawOk(digits);
}
