import { randomUUID } from 'node:crypto';
import { sql } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { copyTextInto, rowsOf, type Database } from '../db/database.ts';
import { createTestDatabase } from '../test/test-db.ts';
import { insertImportJob } from './import-jobs.repository.ts';
import { copyTextField, insertStagedRows, stagedRowsCopyText, type StagedRowInput } from './import-staging.ts';

let database: Database;

beforeAll(async () => {
  database = await createTestDatabase();
});
afterAll(async () => {
  await database.close();
});

describe('copyTextField', () => {
  it('escapes exactly the characters COPY text format gives a meaning to', () => {
    expect(copyTextField('a\tb\nc\rd\\e"f\'g 中')).toBe('a\\tb\\nc\\rd\\\\e"f\'g 中');
    expect(copyTextField('\\N')).toBe('\\\\N');
  });
});

describe('staging rows with COPY', () => {
  it('stores values with tabs, newlines, CRs, backslashes, quotes and \\N exactly as given', async () => {
    const job = await insertImportJob(database.db, {
      id: randomUUID(), kind: 'entities', fileName: '测试.csv', fileSha256: '0'.repeat(64),
      departmentId: null, createdBy: null, createdAt: new Date(),
    });
    const tricky = ['制表\t符', '换行\n符', '回车\r\n符', '反斜杠\\结尾\\', '\\N', '"双引号"与\'单引号\'', '\\t 不是制表符', 'emoji 😀', ''];
    const rows: StagedRowInput[] = tricky.map((text, i) => ({
      row: i + 2,
      accepted: i % 2 === 0,
      data: { name: text, address: null, $key: `K${i}` },
      raw: i % 2 === 0 ? {} : { 名称: text } as Record<string, string>,
      issues: i % 2 === 0 ? [] : [{ column: '名称', reason: `原因：${text}`, severity: 'error' as const }],
    }));
    // The COPY text has one line per row: nothing in a value can break a line or a field.
    expect(stagedRowsCopyText(job.id, rows).split('\n')).toHaveLength(rows.length + 1);
    expect(stagedRowsCopyText(job.id, rows).split('\n').every((line) => line === '' || line.split('\t').length === 6)).toBe(true);
    await insertStagedRows(database.db, job.id, rows);
    const back = rowsOf<{ row_no: number; accepted: boolean; data: unknown; raw: unknown; issues: unknown }>(await database.db.execute(sql`
      select row_no, accepted, data, raw, issues from import_rows where job_id = ${job.id}::uuid order by row_no`));
    expect(back.map((r) => ({ row: Number(r.row_no), accepted: r.accepted, data: r.data, raw: r.raw, issues: r.issues }))).toEqual(rows);
  });

  it('takes the COPY path on the database itself, and leaves a transaction handle to the INSERT', async () => {
    const target = 'import_rows (job_id, row_no, accepted, data, raw, issues)';
    expect(await copyTextInto(database.db, target, '')).toBe(true);
    await database.db.transaction(async (tx) => {
      expect(await copyTextInto(tx, target, '')).toBe(false);
    });
  });
});
