import { readTable } from '../../../src/server/tabular/read-table.ts';
import { entitiesImport } from '../../../src/server/imports/kinds/entities.ts';
import { makeUscc } from '../../../src/domain/uscc/uscc.ts';
import { writeFileSync } from 'node:fs';
const N = 50000;
let s = '统一社会信用代码,名称,法定代表人,住所,行政区划代码,联系电话,行业类别,重点领域,状态,成立日期\n';
for (let i = 0; i < N; i++) s += `${makeUscc({ subject: i + 1 })},示例县第${i}号运输有限公司,王明,示例县兴城镇${i % 500}号,130227,0315-5612345,道路货运,安全生产、两客一危,存续,2015-06-01\n`;
writeFileSync('/tmp/prof/e.csv', s);
let t = performance.now();
let n = 0;
for await (const row of readTable({ fileName: 'e.csv', path: '/tmp/prof/e.csv' }, entitiesImport.columns)) { n++; }
console.log('read', n, performance.now() - t);
t = performance.now();
for await (const row of readTable({ fileName: 'e.csv', path: '/tmp/prof/e.csv' }, entitiesImport.columns)) { entitiesImport.validateRow(row.values, { departmentId: null, userId: null, now: new Date(), lookups: undefined }); }
console.log('read+validate', performance.now() - t);
