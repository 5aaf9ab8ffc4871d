import type { ImportKind } from '../import-kind.ts';
import {
  applySubjects, checkSubjectHeader, subjectAlternateKeys, subjectColumns, subjectKeyOf, validateSubjectRow,
} from './subjects.ts';

/**
 * 新设立登记主体 (the feed of newly registered firms from market regulation): imported like
 * entities but unclaimed (claimed_by_department_id null); a department claims them later.
 * Firms already in the directory are updated and keep their claim.
 */
export const registrationsImport: ImportKind = {
  kind: 'registrations',
  label: '新设立登记主体',
  sheetName: '新设立登记主体',
  columns: subjectColumns,
  checkHeader: checkSubjectHeader,
  validateRow: (values, ctx) => validateSubjectRow(values, ctx.now),
  keyOf: subjectKeyOf,
  alternateKeysOf: subjectAlternateKeys,
  bulkLoadTable: 'entities',
  apply: (tx, rows, ctx) => applySubjects(tx, rows, ctx, { claimFor: null }),
};
