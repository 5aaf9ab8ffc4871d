import { createWriteStream } from 'node:fs';
import ExcelJS from 'exceljs';
import { makeUscc } from '../../../src/domain/uscc/uscc.ts';
import { readTable } from '../../../src/server/tabular/read-table.ts';
import { entitiesImport } from '../../../src/server/imports/kinds/entities.ts';
const file = '/tmp/prof/x.xlsx';
const workbook = new ExcelJS.stream.xlsx.WorkbookWriter({ stream: createWriteStream(file), useSharedStrings: false });
const sheet = workbook.addWorksheet('检查对象名录');
sheet.addRow(['示例县检查对象名录（主体类）']).commit();
sheet.addRow(['统一社会信用代码', '名称', '法定代表人', '住所', '行政区划代码', '联系电话', '行业类别', '重点领域', '状态', '成立日期']).commit();
for (let i = 0; i < 100000; i++) {
  const uscc = makeUscc({ subject: 30_000_000 + i });
  sheet.addRow([uscc, `示例县第${i}号运输有限公司`, '王明', `示例县兴城镇${i % 500}号`, 130227, '0315-5612345', '道路货运', i % 3 === 0 ? '安全生产、两客一危' : '', i % 10 === 9 ? '停业' : '存续', 36526 + (i % 8000)]).commit();
}
sheet.commit(); await workbook.commit();
for await (const row of readTable({ fileName: 'x', path: file }, entitiesImport.columns)) {
  const issues = row.issues.length ? row.issues : entitiesImport.validateRow(row.values, { departmentId: null, userId: null, now: new Date('2026-03-02'), lookups: undefined }).filter((i) => i.severity === 'error');
  if (issues.length) console.log(row.row, JSON.stringify(row.raw), JSON.stringify(issues));
}
