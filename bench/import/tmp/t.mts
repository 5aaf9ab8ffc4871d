import { PGlite } from '@electric-sql/pglite';
const db = new PGlite();
for (const [label, ddl] of [['pk', 'a int primary key, d jsonb, s text'], ['nopk', 'a int, d jsonb, s text'], ['pk-text', 'a int primary key, d text, s text']] as const) {
  await db.exec(`drop table if exists t; create table t (${ddl})`);
  const t = performance.now();
  await db.exec(`insert into t select i, jsonb_build_object('name', '示例县第' || i || '号运输有限公司', 'k', i), 'x' from generate_series(1, 50000) i`);
  console.log(label, Math.round(performance.now() - t));
}
let t = performance.now();
await db.exec(`select count(*) from (select jsonb_build_object('name', '示例县第' || i || '号运输有限公司', 'k', i) from generate_series(1, 50000) i) x`);
console.log('select only', Math.round(performance.now() - t));
