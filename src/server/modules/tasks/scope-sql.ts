import { and, arrayOverlaps, inArray, or, sql, type SQL } from 'drizzle-orm';
import { entities } from '../../db/schema-directory.ts';
import type { ScopeFiltersJson } from '../../db/schema-plans.ts';

/**
 * The WHERE condition of a task's or a plan line's scope filters on `entities`. Within one
 * filter any value matches; across filters all must match; no filter at all (不定向) matches
 * every entity. Uses drizzle's inArray / arrayOverlaps, the same on PostgreSQL 15 and PGlite.
 */
export function scopeCondition(scope: ScopeFiltersJson): SQL {
  const parts: SQL[] = [];
  if (scope.industries.length > 0) parts.push(inArray(entities.industry, scope.industries));
  if (scope.focusAreas.length > 0) parts.push(arrayOverlaps(entities.focusAreas, scope.focusAreas));
  if (scope.regionCodes.length > 0) parts.push(inArray(entities.regionCode, scope.regionCodes));
  if (scope.kinds.length > 0) parts.push(inArray(entities.kind, scope.kinds));
  if (scope.objectKinds.length > 0) parts.push(inArray(entities.objectKind, scope.objectKinds));
  if (scope.statuses.length > 0) parts.push(inArray(entities.status, scope.statuses));
  if (scope.tags.length > 0) parts.push(arrayOverlaps(entities.tags, scope.tags));
  return and(...parts) ?? sql`true`;
}

/** Entities matching any of the scopes (the union of plan lines); no scope: none. */
export function anyScopeCondition(scopes: readonly ScopeFiltersJson[]): SQL {
  if (scopes.length === 0) return sql`false`;
  return or(...scopes.map(scopeCondition)) ?? sql`false`;
}

export function isTargeted(scope: ScopeFiltersJson): boolean {
  return Object.values(scope).some((list) => list.length > 0);
}
