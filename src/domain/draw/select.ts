import { compareCodePoints } from './compare-code-points.ts';
import { listHash } from './list-hash.ts';
import { quotaOf } from './quota.ts';
import { smallest } from './smallest.ts';
import type { Sha256 } from './ticket.ts';
import type { QuotaRule, StratumOutput } from './types.ts';

export interface Ticketed {
  key: string;
  ticket: string;
}

/** Ticket ascending (hex strings: plain comparison is byte order), ties by key in code point order. */
export function compareTicketed(a: Ticketed, b: Ticketed): number {
  if (a.ticket < b.ticket) return -1;
  if (a.ticket > b.ticket) return 1;
  return compareCodePoints(a.key, b.key);
}

export interface StratumSelection {
  output: StratumOutput;
  /** The selected candidates with their tickets, in ticket order. */
  selected: Ticketed[];
}

/**
 * Selection in one stratum (spec §3): every candidate gets a ticket, the first `quota` by
 * (ticket, key) are selected, and the ticket of the last one is the cutoff.
 */
export function selectStratum(
  stratum: { name: string; quota: QuotaRule; candidates: readonly string[] },
  ticket: (key: string) => string,
  digest?: Sha256,
): StratumSelection {
  const n = stratum.candidates.length;
  const quota = quotaOf(n, stratum.quota);
  const ticketed = stratum.candidates.map((key): Ticketed => ({ key, ticket: ticket(key) }));
  const selected = smallest(ticketed, quota, compareTicketed);
  const last = selected[selected.length - 1];
  return {
    selected,
    output: {
      name: stratum.name,
      n,
      quota,
      listHash: listHash(stratum.candidates, digest),
      selected: selected.map((s) => s.key),
      cutoffTicket: last ? last.ticket : null,
    },
  };
}

/** The draw order of all selected objects across strata: ticket ascending, ties by key. */
export function drawOrder(selections: readonly StratumSelection[]): Ticketed[] {
  return selections.flatMap((s) => s.selected).sort(compareTicketed);
}
