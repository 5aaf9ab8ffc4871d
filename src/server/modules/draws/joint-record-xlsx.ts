import ExcelJS from 'exceljs';
import type { z } from 'zod';
import type { jointRecordFormSchema } from '../../../contracts/tasks.ts';

type JointRecordForm = z.infer<typeof jointRecordFormSchema>;

/** The answer boxes of every checkpoint, as on the printed form. */
export const checkpointAnswers = ['是', '否', '未检查', '合理缺项'] as const;

/**
 * 一企一表 as an xlsx workbook: one sheet laid out like the printed form (object, task and team
 * with certificate numbers; every item's checkpoints with 是/否/未检查/合理缺项 columns to tick;
 * signature lines). A form, not a table: the streaming table writer (src/server/tabular) writes a
 * header row and records, so this builds the small workbook in memory instead.
 */
export async function jointRecordXlsx(form: JointRecordForm): Promise<Buffer> {
  const workbook = new ExcelJS.Workbook();
  const sheet = workbook.addWorksheet('一企一表', { pageSetup: { paperSize: 9, orientation: 'portrait', fitToPage: true, fitToWidth: 1, fitToHeight: 0 } });
  sheet.columns = [{ width: 12 }, { width: 48 }, { width: 8 }, { width: 8 }, { width: 10 }, { width: 10 }, { width: 20 }];
  const bold = { bold: true } as const;
  const title = sheet.addRow([`${form.task.name}——一企一表（联合检查记录表）`]);
  title.font = { bold: true, size: 14 };
  sheet.mergeCells(title.number, 1, title.number, 7);
  const info = (label: string, value: string) => {
    const row = sheet.addRow([label, value]);
    row.getCell(1).font = bold;
    sheet.mergeCells(row.number, 2, row.number, 7);
  };
  info('抽取编号', form.drawId);
  info('任务编号', form.task.code);
  info('检查期限', `${form.task.periodFrom} 至 ${form.task.periodTo}`);
  info('检查对象', form.object.name);
  info('统一社会信用代码/编码', form.object.key);
  info('地址', form.object.address ?? '');
  info('法定代表人', form.object.legalRepresentative ?? '');
  info('信用风险分类', form.object.riskClass);
  sheet.addRow([]);

  const teamHead = sheet.addRow(['检查组', '姓名', '执法证号', '', '所属部门']);
  teamHead.font = bold;
  sheet.mergeCells(teamHead.number, 3, teamHead.number, 4);
  sheet.mergeCells(teamHead.number, 5, teamHead.number, 7);
  form.team.forEach((member, index) => {
    const row = sheet.addRow([`第 ${index + 1} 人`, member.name, member.certificateNo ?? member.key, '', member.department]);
    row.getCell(3).numFmt = '@';
    sheet.mergeCells(row.number, 3, row.number, 4);
    sheet.mergeCells(row.number, 5, row.number, 7);
  });
  sheet.addRow([]);

  const head = sheet.addRow(['要点编号', '检查要点', ...checkpointAnswers, '备注']);
  head.font = bold;
  for (const item of form.items) {
    const itemRow = sheet.addRow([item.code, `${item.name}（依据：${item.legalBasis}）`]);
    itemRow.font = bold;
    sheet.mergeCells(itemRow.number, 2, itemRow.number, 7);
    if (item.checkpoints.length === 0) sheet.addRow(['', '（该事项尚无检查要点，按抽查工作指引检查）', '□', '□', '□', '□', '']);
    for (const checkpoint of item.checkpoints) {
      sheet.addRow([checkpoint.code, checkpoint.text, '□', '□', '□', '□', '']);
    }
  }
  sheet.addRow([]);
  sheet.addRow(['检查人员签名', '', '', '', '日期']);
  sheet.addRow(['检查对象签名', '', '', '', '日期']);
  sheet.eachRow((row) => { row.alignment = { vertical: 'middle', wrapText: true }; });
  return Buffer.from(await workbook.xlsx.writeBuffer());
}
