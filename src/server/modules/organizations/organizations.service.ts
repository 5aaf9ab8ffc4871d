import type { z } from 'zod';
import type {
  createDepartmentBodySchema, Department, DepartmentTreeNode, updateDepartmentBodySchema,
} from '../../../contracts/organizations.ts';
import { departmentKindSchema } from '../../../contracts/organizations.ts';
import { appendAudit } from '../../audit/audit-log.ts';
import type { Principal } from '../../http/access.ts';
import type { ServiceContext } from '../../http/context.ts';
import { fail, ok, type Result } from '../../http/failures.ts';
import {
  findDepartmentByCode, findDepartmentById, insertDepartment, listDepartments, updateDepartment, type DepartmentRow,
} from './organizations.repository.ts';
import { invalidateAllPublicResults } from '../inspections/public-results.cache.ts';

export function presentDepartment(row: DepartmentRow): Department {
  return {
    id: row.id, parentId: row.parentId, name: row.name, kind: departmentKindSchema.parse(row.kind), code: row.code,
    regionCode: row.regionCode, sortOrder: row.sortOrder,
  };
}

/** Builds the tree; departments whose parent is missing become roots. */
export function buildTree(items: readonly Department[]): DepartmentTreeNode[] {
  const nodes = new Map<string, DepartmentTreeNode>(items.map((d) => [d.id, { ...d, children: [] }]));
  const roots: DepartmentTreeNode[] = [];
  for (const node of nodes.values()) {
    const parent = node.parentId ? nodes.get(node.parentId) : undefined;
    if (parent) parent.children.push(node);
    else roots.push(node);
  }
  return roots;
}

/** Parents before children, siblings by sortOrder then code. */
export async function listAllDepartments(ctx: ServiceContext): Promise<Result<Department[]>> {
  const flat: Department[] = [];
  const walk = (nodes: DepartmentTreeNode[]) => {
    for (const { children, ...department } of nodes) {
      flat.push(department);
      walk(children);
    }
  };
  walk(buildTree((await listDepartments(ctx.db)).map(presentDepartment)));
  return ok(flat);
}

export async function departmentTree(ctx: ServiceContext): Promise<Result<DepartmentTreeNode[]>> {
  return ok(buildTree((await listDepartments(ctx.db)).map(presentDepartment)));
}

function actorOf(principal: Principal) {
  return { id: principal.user.id, name: principal.user.displayName };
}

export async function createDepartment(
  ctx: ServiceContext, principal: Principal, input: z.infer<typeof createDepartmentBodySchema>,
): Promise<Result<Department>> {
  if (input.parentId && !(await findDepartmentById(ctx.db, input.parentId))) {
    return fail('validation', '上级机构不存在', [{ path: 'body.parentId', message: '上级机构不存在' }]);
  }
  if (await findDepartmentByCode(ctx.db, input.code)) {
    return fail('conflict', `机构代码“${input.code}”已存在`, [{ path: 'body.code', message: '机构代码已存在' }]);
  }
  const now = ctx.now();
  const row = await ctx.db.transaction(async (tx) => {
    const created = await insertDepartment(tx, { ...input, createdAt: now, updatedAt: now });
    await appendAudit(tx, {
      actor: actorOf(principal), action: 'department.created', subjectType: 'department', subjectId: created.id,
      summary: `新建机构“${input.name}”（${input.code}）`, changes: { ...input },
    }, now);
    return created;
  });
  return ok(presentDepartment(row));
}

async function isDescendantOrSelf(ctx: ServiceContext, candidateId: string, ancestorId: string): Promise<boolean> {
  const byId = new Map((await listDepartments(ctx.db)).map((d) => [d.id, d]));
  let current: string | null = candidateId;
  const seen = new Set<string>();
  while (current && !seen.has(current)) {
    if (current === ancestorId) return true;
    seen.add(current);
    current = byId.get(current)?.parentId ?? null;
  }
  return false;
}

export async function updateDepartmentFor(
  ctx: ServiceContext, principal: Principal, id: string, input: z.infer<typeof updateDepartmentBodySchema>,
): Promise<Result<Department>> {
  const current = await findDepartmentById(ctx.db, id);
  if (!current) return fail('not_found', '机构不存在');
  if (input.parentId) {
    if (!(await findDepartmentById(ctx.db, input.parentId))) {
      return fail('validation', '上级机构不存在', [{ path: 'body.parentId', message: '上级机构不存在' }]);
    }
    if (await isDescendantOrSelf(ctx, input.parentId, id)) {
      return fail('validation', '上级机构不能是本机构或其下级', [{ path: 'body.parentId', message: '上级机构不能是本机构或其下级' }]);
    }
  }
  if (input.code && input.code !== current.code && (await findDepartmentByCode(ctx.db, input.code))) {
    return fail('conflict', `机构代码“${input.code}”已存在`, [{ path: 'body.code', message: '机构代码已存在' }]);
  }
  const before = presentDepartment(current);
  const changes: Record<string, { from: unknown; to: unknown }> = {};
  for (const [key, value] of Object.entries(input) as [keyof Department, unknown][]) {
    if (value !== undefined && before[key] !== value) changes[key] = { from: before[key], to: value };
  }
  if (Object.keys(changes).length === 0) return ok(before);
  const now = ctx.now();
  const row = await ctx.db.transaction(async (tx) => {
    const updated = await updateDepartment(tx, id, { ...input, updatedAt: now });
    await appendAudit(tx, {
      actor: actorOf(principal), action: 'department.updated', subjectType: 'department', subjectId: id,
      summary: `修改机构“${current.name}”：${Object.keys(changes).join('、')}`, changes,
    }, now);
    return updated;
  });
  invalidateAllPublicResults(ctx.db);
  if (!row) return fail('not_found', '机构不存在');
  return ok(presentDepartment(row));
}
