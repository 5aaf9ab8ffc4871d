import type { Db } from '../db/database.ts';
import { emptyPrefix, verifyAuditChainFrom, type AuditChainStatus, type VerifiedPrefix } from './audit-log.ts';

/** How long a full walk of the chain is trusted before /api/health walks it again. */
export const fullWalkIntervalMs = 60_000;

/**
 * The audit chain status for /api/health, which monitors call often: walking a chain of
 * millions of rows per call would make the health check the slowest route. Between full
 * walks (at most every `fullWalkIntervalMs`) only rows appended since the last check are
 * verified, so an append that breaks the chain shows at once and an edit of an old row
 * within the interval. `suiji audit verify` and /api/v1/audit/verify always walk it all.
 */
export class AuditChainMonitor {
  private prefix: VerifiedPrefix = emptyPrefix;
  private lastFullWalkAt = Number.NEGATIVE_INFINITY;
  private brokenStatus: AuditChainStatus | null = null;
  private inFlight: Promise<AuditChainStatus> | null = null;

  constructor(private readonly db: Db, private readonly nowMs: () => number, private readonly intervalMs = fullWalkIntervalMs) {}

  /** Concurrent callers share one walk. */
  status(): Promise<AuditChainStatus> {
    this.inFlight ??= this.check().finally(() => { this.inFlight = null; });
    return this.inFlight;
  }

  private async check(): Promise<AuditChainStatus> {
    const now = this.nowMs();
    const full = now - this.lastFullWalkAt >= this.intervalMs;
    if (!full && this.brokenStatus) return this.brokenStatus;
    const { status, prefix } = await verifyAuditChainFrom(this.db, full ? emptyPrefix : this.prefix);
    if (full) this.lastFullWalkAt = now;
    this.prefix = prefix;
    this.brokenStatus = status.ok ? null : status;
    return status;
  }
}
