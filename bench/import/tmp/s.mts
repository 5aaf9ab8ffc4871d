import { PGlite } from '@electric-sql/pglite';
const db = new PGlite();
await db.exec(`create table import_rows (job_id uuid not null, row_no int not null, accepted boolean not null, data jsonb not null, raw jsonb not null, issues jsonb not null, primary key (job_id, row_no))`);
const N = 50000, B = 2000;
const job = '00000000-0000-4000-8000-000000000001';
const mk = (i: number) => ({ n: i, a: true, d: { uscc: '91130227MA0ABCDE1X', name: `示例县第${i}号运输有限公司`, legalRepresentative: '王明', address: '示例县兴城镇1号', regionCode: '130227', contactPhone: '0315-5612345', industry: '道路货运', focusAreas: '安全生产、两客一危', status: 'active', foundedOn: '2015-06-01', registrationNumber: null, contactName: null, $key: `K${i}` }, r: {}, i: [] });
async function run(label: string, f: (rows: ReturnType<typeof mk>[]) => Promise<unknown>) {
  await db.exec('truncate import_rows');
  const t = performance.now();
  for (let s = 0; s < N; s += B) { const rows = []; for (let i = s; i < s + B; i++) rows.push(mk(i)); await f(rows); }
  console.log(label, Math.round(performance.now() - t));
}
await run('jsonb_array_elements', (rows) => db.query(`insert into import_rows select $1::uuid, (x->>'n')::int, (x->>'a')::boolean, x->'d', x->'r', x->'i' from jsonb_array_elements($2::jsonb) x`, [job, JSON.stringify(rows)]));
await run('json_to_recordset', (rows) => db.query(`insert into import_rows select $1::uuid, x.n, x.a, x.d, x.r, x.i from json_to_recordset($2::json) as x(n int, a boolean, d jsonb, r jsonb, i jsonb)`, [job, JSON.stringify(rows)]));
await run('copy blob', (rows) => {
  const text = rows.map((r) => [job, r.n, r.a ? 't' : 'f', JSON.stringify(r.d), JSON.stringify(r.r), JSON.stringify(r.i)].map((v) => String(v).replace(/\\/g, '\\\\').replace(/\t/g, '\\t').replace(/\n/g, '\\n')).join('\t')).join('\n') + '\n';
  return db.query(`copy import_rows from '/dev/blob'`, [], { blob: new Blob([text]) });
});
await run('unnest arrays', (rows) => db.query(`insert into import_rows select $1::uuid, n, true, d::jsonb, '{}'::jsonb, '[]'::jsonb from unnest($2::int[], $3::text[]) as x(n, d)`, [job, rows.map((r) => r.n), rows.map((r) => JSON.stringify(r.d))]));
