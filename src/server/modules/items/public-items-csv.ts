import type { PublicItem } from '../../../contracts/items.ts';
import { itemCategoryLabels, itemObjectTypeLabels, supervisionLevelLabels } from '../../../contracts/items.ts';
import { verificationMethodLabels } from '../../../domain/result/result-codes.ts';
import { toCsv } from '../../http/open-data-csv.ts';

/** The public item list as CSV: the same fields the portal shows, in Chinese. */
export function publicItemsCsv(items: readonly PublicItem[]): string {
  return toCsv(
    ['事项编码', '抽查事项名称', '抽查类别', '事项类别', '抽查依据', '监管层级', '检查对象', '检查内容', '检查方式', '抽查比例', '抽查频次', '抽查主体', '版本', '更新时间'],
    items.map((i) => [
      i.code, i.name, i.groupName, itemCategoryLabels[i.category], i.legalBasis, supervisionLevelLabels[i.supervisionLevel], itemObjectTypeLabels[i.objectType],
      i.content, i.methods.map((m) => verificationMethodLabels[m]).join('、'), i.defaultRatioBp === null ? '' : `${i.defaultRatioBp / 100}%`,
      i.frequency ?? '', i.departmentName ?? '', String(i.version), i.updatedAt,
    ]),
  );
}
