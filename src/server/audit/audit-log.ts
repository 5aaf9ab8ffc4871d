import { createHash } from 'node:crypto';
import { asc, desc, gt, sql } from 'drizzle-orm';
import type { Db } from '../db/database.ts';
import { auditEvents } from '../db/schema.ts';
import type { AuditEventInput } from './audit-events.ts';

export const genesisHash = '0'.repeat(64);
/** Key of the transaction-scoped advisory lock that serialises appends ("suiji-audit"). */
const auditLockKey = 7_361_022_514;

export interface HashedFields {
  seq: number;
  at: Date;
  actorId: string | null;
  actorName: string | null;
  action: string;
  subjectType: string;
  subjectId: string | null;
  summary: string;
  changes: Record<string, unknown> | null;
  prevHash: string;
}

/** JSON with object keys sorted at every level: the same value always gives the same text. */
export function canonicalJson(value: unknown): string {
  if (value === null || typeof value !== 'object') return JSON.stringify(value ?? null);
  if (Array.isArray(value)) return `[${value.map((v) => canonicalJson(v)).join(',')}]`;
  const entries = Object.entries(value as Record<string, unknown>)
    .filter(([, v]) => v !== undefined)
    .sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0));
  return `{${entries.map(([k, v]) => `${JSON.stringify(k)}:${canonicalJson(v)}`).join(',')}}`;
}

export function auditHash(fields: HashedFields): string {
  const text = canonicalJson({
    seq: fields.seq,
    at: fields.at.toISOString(),
    actor: { id: fields.actorId, name: fields.actorName },
    action: fields.action,
    subject: { type: fields.subjectType, id: fields.subjectId },
    summary: fields.summary,
    changes: fields.changes,
    prevHash: fields.prevHash,
  });
  return createHash('sha256').update(text, 'utf8').digest('hex');
}

/**
 * Appends one event to the chain. Call it with the transaction of the state change it
 * records. The advisory lock is held until that transaction ends, so concurrent appends
 * queue up and the chain cannot fork.
 */
export async function appendAudit(tx: Db, event: AuditEventInput, at: Date): Promise<{ seq: number; hash: string }> {
  await tx.execute(sql`select pg_advisory_xact_lock(${auditLockKey})`);
  const [head] = await tx
    .select({ seq: auditEvents.seq, hash: auditEvents.hash })
    .from(auditEvents)
    .orderBy(desc(auditEvents.seq))
    .limit(1);
  // Round-trip the changes through JSON so that what is hashed is what jsonb stores.
  const changes = event.changes == null ? null : (JSON.parse(JSON.stringify(event.changes)) as Record<string, unknown>);
  const at_ = new Date(at.getTime());
  const fields: HashedFields = {
    seq: (head?.seq ?? 0) + 1,
    at: at_,
    actorId: event.actor.id,
    actorName: event.actor.name,
    action: event.action,
    subjectType: event.subjectType,
    subjectId: event.subjectId,
    summary: event.summary,
    changes,
    prevHash: head?.hash ?? genesisHash,
  };
  const hash = auditHash(fields);
  await tx.insert(auditEvents).values({ ...fields, hash });
  return { seq: fields.seq, hash };
}

export interface AuditChainStatus {
  ok: boolean;
  rows: number;
  firstBrokenSeq: number | null;
  reason: string | null;
}

/** Where a verified prefix of the chain ends: the next walk may resume from here. */
export interface VerifiedPrefix {
  /** Rows verified (= seq of the last verified row). */
  rows: number;
  /** Hash of the last verified row (genesisHash when none). */
  lastHash: string;
}

export const emptyPrefix: VerifiedPrefix = { rows: 0, lastHash: genesisHash };

/**
 * Walks the whole chain in seq order, in batches, and names the first broken row: an
 * edited row (hash mismatch), a deleted row (gap in seq or prev_hash mismatch) or
 * reordered rows (prev_hash mismatch).
 */
export async function verifyAuditChain(db: Db, batchSize = 2000): Promise<AuditChainStatus> {
  return (await verifyAuditChainFrom(db, emptyPrefix, batchSize)).status;
}

/**
 * Verifies the rows after an already verified prefix (the whole chain from emptyPrefix).
 * Resuming trusts the prefix: a row edited inside it is only found by a walk from the start.
 */
export async function verifyAuditChainFrom(
  db: Db, from: VerifiedPrefix, batchSize = 2000,
): Promise<{ status: AuditChainStatus; prefix: VerifiedPrefix }> {
  let expectedSeq = from.rows + 1;
  let prevHash = from.lastHash;
  let rows = from.rows;
  const result = (status: AuditChainStatus) => ({ status, prefix: { rows, lastHash: prevHash } });
  for (;;) {
    const batch = await db
      .select()
      .from(auditEvents)
      .where(gt(auditEvents.seq, expectedSeq - 1))
      .orderBy(asc(auditEvents.seq))
      .limit(batchSize);
    for (const row of batch) {
      if (row.seq !== expectedSeq) {
        return result(broken(rows, expectedSeq, `第 ${expectedSeq} 条记录缺失（序号从 ${expectedSeq - 1} 跳到 ${row.seq}），疑被删除`));
      }
      if (row.prevHash !== prevHash) {
        return result(broken(rows, row.seq, `第 ${row.seq} 条记录的前序哈希与上一条不符，记录被删除或顺序被改动`));
      }
      const recomputed = auditHash({
        seq: row.seq, at: row.at, actorId: row.actorId, actorName: row.actorName, action: row.action,
        subjectType: row.subjectType, subjectId: row.subjectId, summary: row.summary,
        changes: row.changes ?? null, prevHash: row.prevHash,
      });
      if (recomputed !== row.hash) {
        return result(broken(rows, row.seq, `第 ${row.seq} 条记录内容与其哈希不符，记录被修改`));
      }
      prevHash = row.hash;
      expectedSeq += 1;
      rows += 1;
    }
    if (batch.length < batchSize) break;
  }
  return result({ ok: true, rows, firstBrokenSeq: null, reason: null });
}

function broken(rows: number, seq: number, reason: string): AuditChainStatus {
  return { ok: false, rows, firstBrokenSeq: seq, reason };
}
