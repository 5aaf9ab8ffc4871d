import { randomBytes } from 'node:crypto';
import type { Db } from '../../db/database.ts';
import { entities, riskSnapshots } from '../../db/schema-directory.ts';
import type { EntityRow } from './entities.repository.ts';

/** Test data of the entity directory (tests own their data). */
export async function makeEntity(db: Db, overrides: Partial<typeof entities.$inferInsert> = {}): Promise<EntityRow> {
  const key = overrides.key ?? `K${randomBytes(6).toString('hex').toUpperCase()}`;
  const [row] = await db.insert(entities).values({
    kind: 'subject', name: `测试企业${key}`, regionCode: '130227', industry: '道路货运', ...overrides, key,
  }).returning();
  if (!row) throw new Error('insert into entities returned no row');
  return row;
}

export async function addRiskSnapshots(db: Db, entityId: string, snapshots: { effectiveFrom: string; riskClass: string }[]): Promise<void> {
  await db.insert(riskSnapshots).values(snapshots.map((s) => ({ entityId, ...s })));
}
