/**
 * Deterministic demo "一单两库一指引" for the model county transport bureau (region
 * 130227): items with guidelines, entities, non-entity objects, officers and conflicts.
 * Same seed, same data; no clock and no Math.random.
 */
import { generateEntities } from './entities.ts';
import { buildDemoItems } from './items.ts';
import { generateObjects } from './objects.ts';
import { generateConflicts, generateOfficers } from './officers.ts';
import { createRng, type Rng } from './prng.ts';
import type { DemoDirectory } from './types.ts';

export interface DemoDirectoryOptions {
  /** Entities with a USCC (default 400). */
  entityCount?: number;
  /** Legacy firms known only by a 15-digit 注册号, on top of entityCount (default 4, at most 5). */
  legacyCount?: number;
  /** Declared conflicts of interest (default 6). */
  conflictCount?: number;
}

export const DEFAULT_DEMO_SEED = 2024;

/** An independent stream per part, so that changing one part does not reshuffle the others. */
function stream(seed: number, part: number): Rng {
  return createRng((Math.imul(seed >>> 0, 0x9e3779b1) ^ Math.imul(part, 0x85ebca6b)) >>> 0);
}

export function generateDemoDirectory(seed: number = DEFAULT_DEMO_SEED, options: DemoDirectoryOptions = {}): DemoDirectory {
  const entityCount = options.entityCount ?? 400;
  const legacyCount = Math.min(options.legacyCount ?? 4, 5);
  if (!Number.isSafeInteger(seed)) throw new RangeError(`种子应为整数：${seed}`);
  if (!Number.isSafeInteger(entityCount) || entityCount < 0) throw new RangeError(`主体数量应为非负整数：${entityCount}`);

  const entities = generateEntities(stream(seed, 1), entityCount, legacyCount);
  const objects = generateObjects(stream(seed, 2), entities);
  const officers = generateOfficers(stream(seed, 3));
  const conflicts = generateConflicts(stream(seed, 4), officers, entities, options.conflictCount ?? 6);
  return { seed, items: buildDemoItems(), entities, objects, officers, conflicts };
}
