import { sql } from 'drizzle-orm';
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import type { Database } from '../db/database.ts';
import { auditEvents } from '../db/schema.ts';
import { createTestDatabase } from '../test/test-db.ts';
import { appendAudit, auditHash, canonicalJson, genesisHash, verifyAuditChain } from './audit-log.ts';
import type { AuditEventInput } from './audit-events.ts';

let database: Database;
beforeAll(async () => {
  database = await createTestDatabase();
});
/** Tampering as the table owner would: with the append-only trigger switched off. */
async function tamper(statement: ReturnType<typeof sql>): Promise<void> {
  await database.db.transaction(async (tx) => {
    await tx.execute(sql`alter table audit_events disable trigger audit_events_append_only`);
    await tx.execute(statement);
    await tx.execute(sql`alter table audit_events enable trigger audit_events_append_only`);
  });
}
beforeEach(async () => {
  await tamper(sql`delete from audit_events`);
});
afterAll(async () => {
  await database.close();
});

const at = new Date('2026-03-02T09:00:00.123+08:00');
function event(i: number): AuditEventInput {
  return {
    actor: { id: null, name: '测试' }, action: 'user.updated', subjectType: 'user', subjectId: `u${i}`,
    summary: `第 ${i} 次修改`, changes: { z: i, a: { nested: [1, '二', null] }, 中文: '值' },
  };
}

async function appendMany(n: number): Promise<void> {
  for (let i = 1; i <= n; i += 1) {
    await database.db.transaction((tx) => appendAudit(tx, event(i), new Date(at.getTime() + i)));
  }
}

describe('canonicalJson', () => {
  it('sorts keys at every level and drops undefined', () => {
    expect(canonicalJson({ b: 1, a: { d: [2, { y: 1, x: 2 }], c: undefined } })).toBe('{"a":{"d":[2,{"x":2,"y":1}]},"b":1}');
  });
});

describe('audit chain', () => {
  it('links each row to the previous one, starting from 64 zeros', async () => {
    await appendMany(3);
    const rows = await database.db.select().from(auditEvents).orderBy(auditEvents.seq);
    expect(rows.map((r) => r.seq)).toEqual([1, 2, 3]);
    expect(rows[0]?.prevHash).toBe(genesisHash);
    expect(rows[1]?.prevHash).toBe(rows[0]?.hash);
    expect(rows[2]?.prevHash).toBe(rows[1]?.hash);
    const first = rows[0];
    if (!first) throw new Error('no row');
    expect(auditHash({ ...first, changes: first.changes ?? null })).toBe(first.hash);
    expect(await verifyAuditChain(database.db)).toEqual({ ok: true, rows: 3, firstBrokenSeq: null, reason: null });
  });

  it('verifies in batches', async () => {
    await appendMany(7);
    expect(await verifyAuditChain(database.db, 3)).toMatchObject({ ok: true, rows: 7 });
  });

  it('refuses UPDATE, DELETE and TRUNCATE (append-only trigger)', async () => {
    await appendMany(2);
    await expect(database.db.execute(sql`update audit_events set summary = 'x' where seq = 1`)).rejects.toThrow();
    await expect(database.db.execute(sql`delete from audit_events where seq = 2`)).rejects.toThrow();
    await expect(database.db.execute(sql`truncate audit_events`)).rejects.toThrow();
    expect(await verifyAuditChain(database.db)).toMatchObject({ ok: true, rows: 2 });
  });

  it('names the edited row', async () => {
    await appendMany(5);
    await tamper(sql`update audit_events set summary = '篡改' where seq = 3`);
    expect(await verifyAuditChain(database.db, 2)).toMatchObject({ ok: false, rows: 2, firstBrokenSeq: 3 });
  });

  it('names an edited change set even when only jsonb changes', async () => {
    await appendMany(4);
    await tamper(sql`update audit_events set changes = jsonb_set(changes, '{z}', '99') where seq = 2`);
    const status = await verifyAuditChain(database.db);
    expect(status).toMatchObject({ ok: false, firstBrokenSeq: 2 });
    expect(status.reason).toMatch(/被修改/);
  });

  it('names a deleted row (gap in seq)', async () => {
    await appendMany(5);
    await tamper(sql`delete from audit_events where seq = 4`);
    const status = await verifyAuditChain(database.db);
    expect(status).toMatchObject({ ok: false, rows: 3, firstBrokenSeq: 4 });
    expect(status.reason).toMatch(/删除/);
  });

  it('names a deleted row even when the later seqs were renumbered', async () => {
    await appendMany(5);
    await tamper(sql`delete from audit_events where seq = 2`);
    await tamper(sql`update audit_events set seq = seq - 1 where seq > 2`);
    expect(await verifyAuditChain(database.db)).toMatchObject({ ok: false, firstBrokenSeq: 2 });
  });

  it('names reordered rows', async () => {
    await appendMany(4);
    await tamper(sql`update audit_events set seq = 100 where seq = 2`);
    await tamper(sql`update audit_events set seq = 2 where seq = 3`);
    await tamper(sql`update audit_events set seq = 3 where seq = 100`);
    expect(await verifyAuditChain(database.db)).toMatchObject({ ok: false, firstBrokenSeq: 2 });
  });

  it('does not fork under concurrent appends', async () => {
    await Promise.all(Array.from({ length: 20 }, (_, i) =>
      database.db.transaction((tx) => appendAudit(tx, event(i + 1), at))));
    const status = await verifyAuditChain(database.db);
    expect(status).toEqual({ ok: true, rows: 20, firstBrokenSeq: null, reason: null });
  });

  it('leaves no gap when the recorded change is rolled back', async () => {
    await appendMany(1);
    await expect(database.db.transaction(async (tx) => {
      await appendAudit(tx, event(2), at);
      throw new Error('rollback');
    })).rejects.toThrow('rollback');
    await appendMany(1);
    expect(await verifyAuditChain(database.db)).toMatchObject({ ok: true, rows: 2 });
  });
});
