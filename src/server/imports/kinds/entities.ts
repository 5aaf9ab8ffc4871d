import type { ImportKind } from '../import-kind.ts';
import {
  applySubjects, checkSubjectHeader, subjectAlternateKeys, subjectColumns, subjectKeyOf, validateSubjectRow,
} from './subjects.ts';

/** 检查对象名录（主体类）: new firms are claimed by the importing user's department. */
export const entitiesImport: ImportKind = {
  kind: 'entities',
  label: '检查对象（主体类）',
  sheetName: '检查对象名录（主体类）',
  columns: subjectColumns,
  checkHeader: checkSubjectHeader,
  validateRow: (values, ctx) => validateSubjectRow(values, ctx.now),
  keyOf: subjectKeyOf,
  alternateKeysOf: subjectAlternateKeys,
  bulkLoadTable: 'entities',
  apply: (tx, rows, ctx) => applySubjects(tx, rows, ctx, { claimFor: ctx.departmentId }),
};
