import type { SQL } from 'drizzle-orm';
import type { Db } from '../db/database.ts';
import type { ColumnSpec } from '../tabular/read-table.ts';

/**
 * What one kind of import is: its columns (the Chinese headers of the template), how a
 * row is checked, the key that identifies the record it describes, and how the accepted
 * rows are applied to the directory. The job runner (import-job.ts) owns everything else:
 * reading the file, staging rows in `import_rows`, rejecting duplicate keys, progress,
 * the preview, the one-transaction commit and its audit event.
 */

export const importKindIds = ['entities', 'objects', 'risk-classes', 'registrations', 'items', 'officers', 'guidelines'] as const;
export type ImportKindId = (typeof importKindIds)[number];

/** A row's values after cell normalisation, by column key (see ColumnSpec.key); null = empty cell. */
export type RowValues = Record<string, string | null>;

/** One problem in one cell. A warning is shown in the preview but does not reject the row. */
export interface ValidationIssue {
  /** The column's Chinese header (ColumnSpec.header), as shown to the user. */
  column: string;
  /** Chinese, says what is wrong and what to do. */
  reason: string;
  severity: 'error' | 'warning';
}

export interface ImportContext {
  /** The importing user's department (null for a system administrator without one, or the CLI). */
  departmentId: string | null;
  /** The user running the import (null for the CLI). */
  userId: string | null;
  /** Now, passed in (no clock inside kinds). */
  now: Date;
  /**
   * Whose records the import may create or change. Absent = everyone's (a system
   * administrator, the CLI). `{ departmentId }` = only that department's (a department
   * administrator; null when they have no department, so nothing); kinds reject the other
   * rows with a Chinese reason.
   */
  restrictedTo?: { departmentId: string | null };
}

/** The department an import is limited to: undefined = unrestricted; null = no department (nothing allowed). */
export function restrictedDepartment(ctx: ImportContext): string | null | undefined {
  return ctx.restrictedTo === undefined ? undefined : ctx.restrictedTo.departmentId;
}

export interface ApplyContext extends ImportContext {
  jobId: string;
  /**
   * The kind's `bulkLoadTable` was empty when this commit began and is locked by it: every
   * row in it was inserted by an earlier slice of this import, and keys are unique within a
   * file, so `apply` may insert without looking for existing records (bulk-load.ts).
   */
  intoEmptyTable?: boolean;
}

/**
 * Lookups a kind may need while validating (e.g. an officers import resolving 所属部门 by
 * name). Loaded once per job by `prepare`, before the first row is validated.
 */
export interface ValidateContext extends ImportContext {
  /** Whatever `prepare` returned (undefined when the kind has no `prepare`). */
  lookups: unknown;
}

/**
 * A slice of the accepted rows of a job, staged in `import_rows` (accepted = true, `data` =
 * the values, plus `data->>'$key'` = keyOf(values)). The commit calls `apply` once per
 * slice of consecutive row numbers, all in the same transaction, and adds the summaries.
 */
export interface StagedRows {
  jobId: string;
  /** First and last file row number of the slice (inclusive). */
  fromRow: number;
  toRow: number;
  /**
   * SQL condition selecting this slice's rows from `import_rows` aliased as `alias` (default
   * 'r'), for set-based kinds: `from import_rows r where ${rows.where()}`.
   */
  where(alias?: string): SQL;
  /** The slice's rows in file order, in batches, for kinds that apply row by row. */
  batches(size?: number): AsyncIterable<{ row: number; values: RowValues }[]>;
}

export interface ApplySummary {
  inserted: number;
  updated: number;
  unchanged: number;
}

export interface ImportKind {
  kind: ImportKindId;
  /** Chinese name of what is imported, e.g. “检查对象（主体类）”. */
  label: string;
  /** Name of the sheet in the template and the audit summary, e.g. “检查对象名录”. */
  sheetName: string;
  columns: readonly ColumnSpec[];
  /** Keep cells of columns not in `columns` as `values['$other']` (a JSON object text), e.g. object attributes. */
  keepOtherColumns?: boolean;
  /**
   * Optional file-level check of the header (which columns were found): return a Chinese
   * message to refuse the file, e.g. when neither of two alternative id columns is present.
   */
  checkHeader?(found: readonly ColumnSpec[]): string | null;
  /** Optional: load lookups once per job (runs outside any transaction). */
  prepare?(db: Db, ctx: ImportContext): Promise<unknown>;
  /**
   * Check one row (cells are already normalised by the reader, which has already reported
   * unreadable cells and empty required cells). May rewrite values in place (e.g. put the
   * normalised USCC back). Pure apart from `ctx.lookups`: no I/O.
   */
  validateRow(values: RowValues, ctx: ValidateContext): ValidationIssue[];
  /**
   * The identity of the record the row describes (e.g. the USCC), used to reject duplicate
   * keys within the file and to upsert. Called only on rows without errors; null = no key
   * (the row is then rejected).
   */
  keyOf(values: RowValues): string | null;
  /**
   * Other identities of the same record (e.g. the 注册号 of a firm keyed by its USCC): a
   * later row repeating one of them is rejected as a duplicate too. Optional.
   */
  alternateKeysOf?(values: RowValues): string[];
  /**
   * Optional set-based checks against the database once every row is staged (e.g. “no such
   * entity” for risk classes). Reject staged rows with `rejectStagedRows` (import-staging.ts);
   * runs in the validating phase, outside any transaction.
   */
  checkStaged?(db: Db, jobId: string, ctx: ImportContext): Promise<void>;
  /**
   * The directory table `apply` writes, for the first load of a directory: when it is empty
   * and the import is large, the commit drops its secondary indexes and builds them again at
   * the end, and tells `apply` (`ApplyContext.intoEmptyTable`). Optional.
   */
  bulkLoadTable?: string;
  /**
   * Apply all accepted rows inside the commit transaction `tx`: upsert by key, idempotent
   * (importing the same file again changes nothing and reports every row unchanged).
   * Throwing rolls the whole import back; throw an `ImportApplyError` with a Chinese
   * message for expected failures (e.g. a referenced department was deleted meanwhile).
   */
  apply(tx: Db, rows: StagedRows, ctx: ApplyContext): Promise<ApplySummary>;
}

/** An expected failure while applying: the job fails with this Chinese message, nothing is applied. */
export class ImportApplyError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'ImportApplyError';
  }
}
