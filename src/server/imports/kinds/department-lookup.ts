import { asc } from 'drizzle-orm';
import type { Db } from '../../db/database.ts';
import { departments } from '../../db/schema.ts';

/** Departments by name or by code (upper case), as people write them in import files. */
export interface DepartmentLookup {
  byNameOrCode: Map<string, string>;
}

export async function loadDepartmentLookup(db: Db): Promise<DepartmentLookup> {
  const rows = await db.select({ id: departments.id, name: departments.name, code: departments.code })
    .from(departments).orderBy(asc(departments.code));
  const byNameOrCode = new Map<string, string>();
  for (const r of rows) {
    byNameOrCode.set(r.name, r.id);
    byNameOrCode.set(r.code.toUpperCase(), r.id);
  }
  return { byNameOrCode };
}
