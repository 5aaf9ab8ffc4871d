import { sql } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Database } from '../db/database.ts';
import { createTestDatabase } from '../test/test-db.ts';
import { AuditChainMonitor } from './audit-chain-monitor.ts';
import { appendAudit } from './audit-log.ts';

let database: Database;
beforeAll(async () => {
  database = await createTestDatabase();
});
afterAll(async () => {
  await database.close();
});

async function append(i: number): Promise<void> {
  await database.db.transaction((tx) => appendAudit(tx, {
    actor: { id: null, name: '测试' }, action: 'user.updated', subjectType: 'user', subjectId: `u${i}`, summary: `第 ${i} 次`,
  }, new Date(Date.UTC(2026, 2, 2, 1, 0, i))));
}

async function tamper(seq: number): Promise<void> {
  await database.db.transaction(async (tx) => {
    await tx.execute(sql`alter table audit_events disable trigger audit_events_append_only`);
    await tx.execute(sql`update audit_events set summary = '篡改' where seq = ${seq}`);
    await tx.execute(sql`alter table audit_events enable trigger audit_events_append_only`);
  });
}

describe('AuditChainMonitor', () => {
  it('verifies new rows between full walks and finds an old edit at the next full walk', async () => {
    let now = 0;
    const monitor = new AuditChainMonitor(database.db, () => now, 60_000);
    for (let i = 1; i <= 3; i += 1) await append(i);
    expect(await monitor.status()).toMatchObject({ ok: true, rows: 3 });

    await append(4);
    now = 1_000;
    expect(await monitor.status()).toMatchObject({ ok: true, rows: 4 });

    // An old row edited between full walks: trusted until the interval has passed.
    await tamper(2);
    now = 2_000;
    expect(await monitor.status()).toMatchObject({ ok: true, rows: 4 });
    now = 61_000;
    expect(await monitor.status()).toMatchObject({ ok: false, firstBrokenSeq: 2 });
    // Broken stays broken, without walking again, until the next full walk.
    await append(5);
    now = 62_000;
    expect(await monitor.status()).toMatchObject({ ok: false, firstBrokenSeq: 2 });
  });

  it('lets concurrent callers share one walk', async () => {
    const monitor = new AuditChainMonitor(database.db, () => 0);
    const [a, b] = [monitor.status(), monitor.status()];
    expect(a).toBe(b);
    await a;
  });
});
