import { and, asc, desc, eq, ilike, or, sql, type SQL } from 'drizzle-orm';
import type { z } from 'zod';
import type { exportGuidelinesQuerySchema } from '../../../contracts/guidelines.ts';
import { guidelineVersions, items } from '../../db/schema-directory.ts';
import type { ServiceContext } from '../../http/context.ts';
import { guidelineColumns, guidelineExportRows } from '../../imports/kinds/guidelines.ts';
import { escapeLike } from '../items/items.repository.ts';
import { xlsxBuffer } from '../items/xlsx-export.ts';

/**
 * 抽查工作指引 export: the current guideline of every item matching the list's filters, in the
 * layout of the guidelines import (one row per checkpoint), so the file can be edited and
 * imported back. An item without a guideline is one row with only its code (to fill in).
 * 抽查事项名称 and 版本 follow as extra columns, which the import ignores.
 */
export async function exportGuidelines(ctx: ServiceContext, query: z.infer<typeof exportGuidelinesQuerySchema>): Promise<Buffer> {
  const current = ctx.db.selectDistinctOn([guidelineVersions.itemId], {
    itemId: guidelineVersions.itemId, id: guidelineVersions.id, version: guidelineVersions.version, content: guidelineVersions.content,
    method: guidelineVersions.method, basis: guidelineVersions.basis, checkpoints: guidelineVersions.checkpoints,
  }).from(guidelineVersions).orderBy(guidelineVersions.itemId, desc(guidelineVersions.version)).as('current_guideline');
  const conditions: SQL[] = [];
  if (query.q) {
    const pattern = `%${escapeLike(query.q)}%`;
    const match = or(ilike(items.code, pattern), ilike(items.name, pattern), ilike(items.groupName, pattern));
    if (match) conditions.push(match);
  }
  if (query.has === 'with') conditions.push(sql`${current.id} is not null`);
  if (query.has === 'without') conditions.push(sql`${current.id} is null`);
  const rows = await ctx.db.select({
    code: items.code, name: items.name, version: current.version, content: current.content, method: current.method,
    basis: current.basis, checkpoints: current.checkpoints,
  }).from(items).leftJoin(current, eq(current.itemId, items.id))
    .where(conditions.length > 0 ? and(...conditions) : undefined).orderBy(asc(items.code));
  return xlsxBuffer(
    '抽查工作指引',
    [
      ...guidelineColumns.map((c) => ({ header: c.header, text: c.kind.type === 'code', width: c.key === 'checkpointText' || c.key === 'content' ? 40 : undefined })),
      { header: '抽查事项名称', width: 30 }, { header: '版本' },
    ],
    rows.flatMap((r) => guidelineExportRows({
      itemCode: r.code, content: r.content ?? '', method: r.method ?? '', basis: r.basis ?? '', checkpoints: r.checkpoints ?? [],
    }).map((cells, i): (string | number | null)[] => [...cells.map((c) => (c === '' ? null : c)), i === 0 ? r.name : null, i === 0 ? r.version : null])),
  );
}
