/*
 * The firms of the import benchmark: the same generated rows as an entities csv (Chinese
 * headers and labels, as a bureau's file has them) and as a table-shaped csv for raw COPY.
 */
import { createWriteStream } from 'node:fs';
import path from 'node:path';
import { makeUscc } from '../../src/domain/uscc/uscc.ts';

const industries = ['道路货运', '道路客运', '机动车维修', '驾驶员培训', '危险货物运输'];
const focus = ['安全生产', '两客一危', '危险货物', '超限超载'];
const statuses: [string, string][] = [['存续', 'active'], ['存续', 'active'], ['存续', 'active'], ['停业', 'suspended'], ['注销', 'deregistered']];
const surnames = '王李张刘陈杨赵黄周吴';

interface Firm {
  uscc: string; name: string; rep: string; address: string; phone: string; industry: string; focus: string;
  statusLabel: string; status: string; founded: string;
}

export function firm(i: number): Firm {
  const [statusLabel, status] = statuses[i % statuses.length] ?? ['存续', 'active'];
  const day = 1 + (i % 28);
  const month = 1 + (i % 12);
  return {
    uscc: makeUscc({ subject: i + 1 }),
    name: `示例县第${i + 1}号运输有限公司`,
    rep: `${surnames.charAt(i % 10)}${surnames.charAt((i >> 3) % 10)}明`,
    address: `示例县兴城镇${(i % 500) + 1}号`,
    phone: `0315-${String(5_000_000 + (i % 1_000_000)).slice(0, 7)}`,
    industry: industries[i % industries.length] ?? '道路货运',
    focus: i % 3 === 0 ? `${focus[i % 4] ?? ''}、${focus[(i + 1) % 4] ?? ''}` : '',
    statusLabel, status,
    founded: `${2000 + (i % 24)}-${String(month).padStart(2, '0')}-${String(day).padStart(2, '0')}`,
  };
}

async function writeLines(file: string, rows: number, header: string, line: (f: Firm) => string): Promise<void> {
  const out = createWriteStream(file);
  const write = (text: string) => new Promise<void>((resolve) => {
    if (out.write(text)) resolve();
    else out.once('drain', () => resolve());
  });
  await write(`${header}\n`);
  let chunk = '';
  for (let i = 0; i < rows; i++) {
    chunk += `${line(firm(i))}\n`;
    if (chunk.length > 1 << 20) {
      await write(chunk);
      chunk = '';
    }
  }
  await write(chunk);
  await new Promise<void>((resolve, reject) => out.end((error?: Error | null) => (error ? reject(error) : resolve())));
}

export const copyColumns = 'kind, key, uscc, name, legal_representative, address, region_code, contact_phone, industry, focus_areas, status, founded_on';

export async function generate(dir: string, rows: number): Promise<{ importCsv: string; copyCsv: string }> {
  const importCsv = path.join(dir, 'entities.csv');
  const copyCsv = path.join(dir, 'entities-copy.csv');
  await writeLines(importCsv, rows, '统一社会信用代码,名称,法定代表人,住所,行政区划代码,联系电话,行业类别,重点领域,状态,成立日期',
    (f) => `${f.uscc},${f.name},${f.rep},${f.address},130227,${f.phone},${f.industry},${f.focus},${f.statusLabel},${f.founded}`);
  await writeLines(copyCsv, rows, copyColumns,
    (f) => `subject,${f.uscc},${f.uscc},${f.name},${f.rep},${f.address},130227,${f.phone},${f.industry},"{${f.focus.replace('、', ',')}}",${f.status},${f.founded}`);
  return { importCsv, copyCsv };
}

