import type { z } from 'zod';
import type {
  GuidelineSummary, GuidelineVersion, listGuidelinesQuerySchema, putGuidelineBodySchema,
} from '../../../contracts/guidelines.ts';
import { duplicateCheckpointCodes } from '../../../domain/directory/item-rules.ts';
import { appendAudit } from '../../audit/audit-log.ts';
import type { Principal } from '../../http/access.ts';
import type { ServiceContext } from '../../http/context.ts';
import { fail, ok, type Result } from '../../http/failures.ts';
import { findItemById } from '../items/items.repository.ts';
import { canManageItem } from './guidelines.policy.ts';
import {
  findCurrentGuideline, findGuidelineVersionById, insertGuidelineVersion, listGuidelineSummaries, listGuidelineVersions,
  type GuidelineVersionRow,
} from './guidelines.repository.ts';

export function presentGuidelineVersion(row: GuidelineVersionRow): GuidelineVersion {
  return {
    id: row.id, itemId: row.itemId, itemCode: row.itemCode, itemName: row.itemName, version: row.version,
    content: row.content, method: row.method, basis: row.basis,
    checkpoints: row.checkpoints.map((c) => ({ code: c.code, text: c.text })),
    reason: row.reason, changedById: row.changedBy, changedByName: row.changedByName,
    createdAt: row.createdAt.toISOString(), current: row.version === row.latestVersion,
  };
}

export async function listGuidelinesFor(
  ctx: ServiceContext, query: z.infer<typeof listGuidelinesQuerySchema>,
): Promise<Result<{ items: GuidelineSummary[]; total: number; page: number; pageSize: number }>> {
  const { page, pageSize, q, has } = query;
  const result = await listGuidelineSummaries(ctx.db, { q, has }, { page, pageSize });
  return ok({
    items: result.items.map((r) => ({
      ...r, category: r.category as GuidelineSummary['category'], itemStatus: r.itemStatus as GuidelineSummary['itemStatus'],
      updatedAt: r.updatedAt ? new Date(r.updatedAt).toISOString() : null,
    })),
    total: result.total, page, pageSize,
  });
}

export async function getCurrentGuideline(ctx: ServiceContext, itemId: string): Promise<Result<GuidelineVersion>> {
  if (!(await findItemById(ctx.db, itemId))) return fail('not_found', '抽查事项不存在');
  const row = await findCurrentGuideline(ctx.db, itemId);
  return row ? ok(presentGuidelineVersion(row)) : fail('not_found', '该事项尚未制定抽查工作指引');
}

export async function getGuidelineVersion(ctx: ServiceContext, id: string): Promise<Result<GuidelineVersion>> {
  const row = await findGuidelineVersionById(ctx.db, id);
  return row ? ok(presentGuidelineVersion(row)) : fail('not_found', '抽查工作指引版本不存在');
}

export async function listGuidelineVersionsOf(ctx: ServiceContext, itemId: string): Promise<Result<{ items: GuidelineVersion[] }>> {
  if (!(await findItemById(ctx.db, itemId))) return fail('not_found', '抽查事项不存在');
  return ok({ items: (await listGuidelineVersions(ctx.db, itemId)).map(presentGuidelineVersion) });
}

/** Whether saving `input` would change nothing (also used by the guidelines import, src/server/imports/kinds/guidelines.ts). */
export function sameGuidelineContent(
  row: GuidelineVersionRow, input: Pick<z.infer<typeof putGuidelineBodySchema>, 'content' | 'method' | 'basis' | 'checkpoints'>,
): boolean {
  return row.content === input.content && row.method === input.method && row.basis === input.basis
    && JSON.stringify(row.checkpoints.map((c) => [c.code, c.text])) === JSON.stringify(input.checkpoints.map((c) => [c.code, c.text]));
}

/**
 * Saves the guideline as a new version. Saving what is already current changes nothing
 * (200 with the current version); otherwise 201 with the new one.
 */
export async function putGuidelineFor(
  ctx: ServiceContext, principal: Principal, itemId: string, input: z.infer<typeof putGuidelineBodySchema>,
): Promise<Result<{ created: boolean; version: GuidelineVersion }>> {
  const item = await findItemById(ctx.db, itemId);
  if (!item) return fail('not_found', '抽查事项不存在');
  if (!canManageItem(principal.user, item)) return fail('forbidden', '机构管理员只能修改本机构负责或认领的事项的工作指引');
  if (item.status === 'retired') return fail('conflict', '已退役的抽查事项不能修改工作指引');
  const duplicates = duplicateCheckpointCodes(input.checkpoints);
  if (duplicates.length > 0) {
    return fail('validation', `检查要点编号重复：${duplicates.join('、')}`, input.checkpoints
      .map((c, i) => ({ c, i })).filter(({ c }) => duplicates.includes(c.code))
      .map(({ i }) => ({ path: `body.checkpoints.${i}.code`, message: '检查要点编号重复' })));
  }
  const current = await findCurrentGuideline(ctx.db, itemId);
  if (current && sameGuidelineContent(current, input)) return ok({ created: false, version: presentGuidelineVersion(current) });
  const version = (current?.version ?? 0) + 1;
  const now = ctx.now();
  const reason = input.reason || (current ? '修订工作指引' : '制定工作指引');
  const id = await ctx.db.transaction(async (tx) => {
    const newId = await insertGuidelineVersion(tx, {
      itemId, version, content: input.content, method: input.method, basis: input.basis,
      checkpoints: input.checkpoints.map((c) => ({ code: c.code, text: c.text })), reason, changedBy: principal.user.id, createdAt: now,
    });
    await appendAudit(tx, {
      actor: { id: principal.user.id, name: principal.user.displayName }, action: 'guideline.version_created',
      subjectType: 'guideline', subjectId: newId,
      summary: `抽查事项“${item.name}”（${item.code}）的工作指引第 ${version} 版：${reason}`,
      changes: { itemId, version, checkpointCount: input.checkpoints.length, reason },
    }, now);
    return newId;
  });
  const saved = await findGuidelineVersionById(ctx.db, id);
  if (!saved) throw new Error('guideline version vanished after write');
  return ok({ created: true, version: presentGuidelineVersion(saved) });
}
