import type { z } from 'zod';
import type {
  Callback, CreateCallbackBody, callbackSummarySchema, listCallbacksQuerySchema,
} from '../../../contracts/callbacks.ts';
import { callbackChannels, needsAttention, satisfactionLevels, summarizeCallbacks, type CallbackChannel, type Satisfaction } from '../../../domain/oversight/callbacks.ts';
import { chinaDate } from '../../../domain/task/china-time.ts';
import { appendAudit } from '../../audit/audit-log.ts';
import type { Principal } from '../../http/access.ts';
import type { ServiceContext } from '../../http/context.ts';
import { fail, ok, type Result } from '../../http/failures.ts';
import {
  callbackFactsOfYear, entityExists, findCallback, insertCallback, listCallbacks, taskExists, type CallbackListRow,
} from './callbacks.repository.ts';

const asChannel = (value: string): CallbackChannel => callbackChannels.find((c) => c === value) ?? 'other';
const asSatisfaction = (value: string): Satisfaction => satisfactionLevels.find((s) => s === value) ?? 'dissatisfied';

function present(row: CallbackListRow): Callback {
  const c = row.callback;
  const facts = {
    announcedInAdvance: c.announcedInAdvance, certificatesShown: c.certificatesShown,
    improperRequests: c.improperRequests, satisfaction: asSatisfaction(c.satisfaction),
  };
  return {
    id: c.id,
    entity: { id: c.entityId, name: row.entityName, uscc: row.entityUscc },
    task: c.taskId && row.taskCode !== null && row.taskName !== null ? { id: c.taskId, code: row.taskCode, name: row.taskName } : null,
    calledOn: c.calledOn,
    channel: asChannel(c.channel),
    contactPerson: c.contactPerson,
    ...facts,
    summary: c.summary,
    needsAttention: needsAttention(facts),
    recordedBy: row.recordedByName,
    createdAt: c.createdAt.toISOString(),
  };
}

export async function listCallbacksFor(
  ctx: ServiceContext, query: z.infer<typeof listCallbacksQuerySchema>,
): Promise<Result<{ items: Callback[]; total: number; page: number; pageSize: number }>> {
  const { items, total } = await listCallbacks(ctx.db, {
    year: query.year, entityId: query.entityId, concernsOnly: query.concernsOnly === 'true',
  }, query.page, query.pageSize);
  return ok({ items: items.map(present), total, page: query.page, pageSize: query.pageSize });
}

export async function recordCallback(ctx: ServiceContext, principal: Principal, body: CreateCallbackBody): Promise<Result<Callback>> {
  const now = ctx.now();
  if (body.calledOn > chinaDate(now)) {
    return fail('validation', '回访日期不能晚于今天', [{ path: 'calledOn', message: '回访日期不能晚于今天' }]);
  }
  if (!(await entityExists(ctx.db, body.entityId))) {
    return fail('validation', '检查对象不存在', [{ path: 'entityId', message: '检查对象不存在' }]);
  }
  if (body.taskId !== null && !(await taskExists(ctx.db, body.taskId))) {
    return fail('validation', '抽查任务不存在', [{ path: 'taskId', message: '抽查任务不存在' }]);
  }
  const id = await ctx.db.transaction(async (tx) => {
    const created = await insertCallback(tx, { ...body, recordedBy: principal.user.id, createdAt: now });
    await appendAudit(tx, {
      actor: { id: principal.user.id, name: principal.user.displayName }, action: 'callback.recorded',
      subjectType: 'callback', subjectId: created,
      summary: `记录回访（${body.calledOn}）`,
      changes: { ...body },
    }, now);
    return created;
  });
  const row = await findCallback(ctx.db, id);
  if (!row) return fail('internal');
  return ok(present(row));
}

export async function callbackSummaryFor(ctx: ServiceContext, year: number): Promise<Result<z.infer<typeof callbackSummarySchema>>> {
  const facts = await callbackFactsOfYear(ctx.db, year);
  return ok({ year, ...summarizeCallbacks(facts.map((f) => ({ ...f, satisfaction: asSatisfaction(f.satisfaction) }))) });
}
