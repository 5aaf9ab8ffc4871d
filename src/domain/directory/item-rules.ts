import type { IsoDate } from '../calendar/civil-date.ts';

/**
 * Rules of the item list (随机抽查事项清单). An item may be used in a task only while it
 * is in force and some department has claimed (认领) it: a retired item, or one nobody is
 * responsible for at this level, cannot be inspected (国办发〔2024〕54号: no inspection on
 * an item that is not published and owned).
 */

export type ItemStatus = 'active' | 'retired';
export type SupervisionLevel = 'province' | 'city' | 'county';

export interface ItemUsabilityFacts {
  status: ItemStatus;
  claimedByDepartmentId: string | null;
}

export type ItemUnusableReason = 'retired' | 'unclaimed';

export const itemUnusableReasonLabels: Record<ItemUnusableReason, string> = {
  retired: '已退役',
  unclaimed: '尚未认领',
};

/** Why the item cannot be used in a task, or null when it can. Retirement is reported first. */
export function itemUnusableReason(item: ItemUsabilityFacts): ItemUnusableReason | null {
  if (item.status === 'retired') return 'retired';
  if (item.claimedByDepartmentId === null) return 'unclaimed';
  return null;
}

/** Whether the item may be used in an inspection task. */
export function isItemUsable(item: ItemUsabilityFacts): boolean {
  return itemUnusableReason(item) === null;
}

/**
 * The supervision level of an administrative division code (GB/T 2260): `xx0000` is a
 * province, `xxxx00` a prefecture-level city, anything else a county-level division.
 * Null for a code that is not six digits.
 */
export function supervisionLevelOfRegion(regionCode: string): SupervisionLevel | null {
  if (!/^\d{6}$/.test(regionCode)) return null;
  if (regionCode.endsWith('0000')) return 'province';
  if (regionCode.endsWith('00')) return 'city';
  return 'county';
}

/** Field → [before, after] for every field whose value differs between two snapshots (compared as JSON). */
export function diffSnapshots(
  before: Readonly<Record<string, unknown>>,
  after: Readonly<Record<string, unknown>>,
): Record<string, [unknown, unknown]> {
  const diff: Record<string, [unknown, unknown]> = {};
  const keys = [...new Set([...Object.keys(before), ...Object.keys(after)])].sort();
  for (const key of keys) {
    const a = before[key] ?? null;
    const b = after[key] ?? null;
    if (JSON.stringify(a) !== JSON.stringify(b)) diff[key] = [a, b];
  }
  return diff;
}

/** Whether a checkpoint list is well formed: codes non-empty and unique. Returns the duplicate codes. */
export function duplicateCheckpointCodes(checkpoints: readonly { code: string }[]): string[] {
  const seen = new Set<string>();
  const duplicates = new Set<string>();
  for (const { code } of checkpoints) {
    if (seen.has(code)) duplicates.add(code);
    seen.add(code);
  }
  return [...duplicates];
}

/** Whether a date lies in an inclusive period whose ends may be open (null). */
export function isWithin(date: IsoDate, from: IsoDate | null, to: IsoDate | null): boolean {
  return (from === null || from <= date) && (to === null || date <= to);
}
