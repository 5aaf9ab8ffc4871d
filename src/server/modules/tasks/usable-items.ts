import type { Db } from '../../db/database.ts';
import { fail, ok, type Result } from '../../http/failures.ts';
import { itemsByIds, type ItemRef } from './lookups.repository.ts';

/**
 * Only claimed (认领), active items can be planned or inspected: an item nobody has claimed
 * has no responsible department, a retired one no longer has a legal basis in force.
 */
export async function usableItems(db: Db, ids: readonly string[], path: string): Promise<Result<ItemRef[]>> {
  const unique = [...new Set(ids)];
  const found = await itemsByIds(db, unique);
  const byId = new Map(found.map((i) => [i.id, i]));
  const errors: { path: string; message: string }[] = [];
  unique.forEach((id, index) => {
    const item = byId.get(id);
    if (!item) errors.push({ path: `${path}.${index}`, message: '抽查事项不存在' });
    else if (item.status !== 'active') errors.push({ path: `${path}.${index}`, message: `抽查事项“${item.name}”已停用，不能使用` });
    else if (item.claimedByDepartmentId === null) errors.push({ path: `${path}.${index}`, message: `抽查事项“${item.name}”尚未认领，认领后才能使用` });
  });
  if (errors.length > 0) return fail('validation', errors.map((e) => e.message).join('；'), errors);
  return ok(unique.map((id) => byId.get(id)).filter((i): i is ItemRef => i !== undefined));
}
