import type { PlanLineJson } from '../../db/schema-plans.ts';

/**
 * What a plan revision (计划调整) changed: lines added, removed (by name) and changed field
 * by field. Pure; used by GET /plans/:id/diff and the portal's version view.
 */
export interface PlanDiffResult {
  titleChanged: { from: string; to: string } | null;
  added: string[];
  removed: string[];
  changed: { name: string; fields: { field: string; from: unknown; to: unknown }[] }[];
}

const fields = ['itemIds', 'departmentIds', 'scope', 'ratioBp', 'periodFrom', 'periodTo'] as const;

/** JSON with sorted keys, to compare values structurally. */
function canonical(value: unknown): string {
  if (value === null || typeof value !== 'object') return JSON.stringify(value);
  if (Array.isArray(value)) return `[${value.map(canonical).join(',')}]`;
  return `{${Object.keys(value).sort().map((k) => `${JSON.stringify(k)}:${canonical((value as Record<string, unknown>)[k])}`).join(',')}}`;
}

export function diffPlan(
  from: { title: string; lines: readonly PlanLineJson[] },
  to: { title: string; lines: readonly PlanLineJson[] },
): PlanDiffResult {
  const before = new Map(from.lines.map((l) => [l.name, l]));
  const after = new Map(to.lines.map((l) => [l.name, l]));
  const changed: PlanDiffResult['changed'] = [];
  for (const [name, line] of after) {
    const old = before.get(name);
    if (!old) continue;
    const diffs = fields
      .filter((f) => canonical(old[f]) !== canonical(line[f]))
      .map((f) => ({ field: f, from: old[f], to: line[f] }));
    if (diffs.length > 0) changed.push({ name, fields: diffs });
  }
  return {
    titleChanged: from.title === to.title ? null : { from: from.title, to: to.title },
    added: [...after.keys()].filter((n) => !before.has(n)),
    removed: [...before.keys()].filter((n) => !after.has(n)),
    changed,
  };
}
