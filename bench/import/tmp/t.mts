import { PGlite } from '@electric-sql/pglite';
import { mkdtempSync } from 'node:fs';
const db = new PGlite(mkdtempSync('/tmp/pgl-'));
const job = '00000000-0000-4000-8000-000000000001';
const mk = (i: number) => ({ n: i, a: true, d: { uscc: '91130227MA0ABCDE1X', name: `示例县第${i}号运输有限公司`, legalRepresentative: '王明', address: '示例县兴城镇1号', regionCode: '130227', contactPhone: '0315-5612345', industry: '道路货运', focusAreas: '安全生产、两客一危', status: 'active', foundedOn: '2015-06-01', registrationNumber: null, contactName: null, $key: `K${i}` }, r: {}, i: [] });
for (const [label, ddl] of [['logged', 'table'], ['unlogged', 'unlogged table'], ['logged', 'table'], ['unlogged', 'unlogged table']] as const) {
  await db.exec(`drop table if exists import_rows; create ${ddl} import_rows (job_id uuid not null, row_no int not null, accepted boolean not null, data jsonb not null, raw jsonb not null, issues jsonb not null, primary key (job_id, row_no))`);
  const t = performance.now();
  for (let s = 0; s < 50000; s += 2000) { const rows = []; for (let i = s; i < s + 2000; i++) rows.push(mk(i)); await db.query(`insert into import_rows select $1::uuid, (x->>'n')::int, (x->>'a')::boolean, x->'d', x->'r', x->'i' from jsonb_array_elements($2::jsonb) x`, [job, JSON.stringify(rows)]); }
  console.log(label, Math.round(performance.now() - t));
}
