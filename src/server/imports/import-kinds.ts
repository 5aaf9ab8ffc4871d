import { entitiesImport } from './kinds/entities.ts';
import { guidelinesImport } from './kinds/guidelines.ts';
import { itemsImport } from './kinds/items.ts';
import { objectsImport } from './kinds/objects.ts';
import { officersImport } from './kinds/officers.ts';
import { registrationsImport } from './kinds/registrations.ts';
import { riskClassesImport } from './kinds/risk-classes.ts';
import { importKindIds, type ImportKind, type ImportKindId } from './import-kind.ts';

/**
 * Every kind of import, by id. The items and officers kinds live in ./kinds/items.ts and
 * ./kinds/officers.ts (written with their modules): add them here with one import each.
 */
const registry: Partial<Record<ImportKindId, ImportKind>> = {
  entities: entitiesImport,
  objects: objectsImport,
  'risk-classes': riskClassesImport,
  registrations: registrationsImport,
  items: itemsImport,
  officers: officersImport,
  guidelines: guidelinesImport,
};

export function isImportKindId(text: string): text is ImportKindId {
  return (importKindIds as readonly string[]).includes(text);
}

/** The definition of a kind; undefined when the id is unknown or the kind is not available yet. */
export function findImportKind(kind: string): ImportKind | undefined {
  return isImportKindId(kind) ? registry[kind] : undefined;
}

/** The kinds that can be imported now, in the order of importKindIds. */
export function availableImportKinds(): ImportKindId[] {
  return importKindIds.filter((k) => registry[k] !== undefined);
}
