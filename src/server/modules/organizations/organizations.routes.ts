import { idParamsSchema } from '../../../contracts/common.ts';
import {
  createDepartmentBodySchema, departmentListSchema, departmentSchema, departmentTreeSchema, updateDepartmentBodySchema,
} from '../../../contracts/organizations.ts';
import { principalOf } from '../../http/authenticate.ts';
import type { ServiceContext } from '../../http/context.ts';
import type { ZodApp } from '../../http/fastify-types.ts';
import { unwrap } from '../../http/failures.ts';
import { withProblems } from '../../http/schemas.ts';
import { organizationsPolicy } from './organizations.policy.ts';
import { createDepartment, departmentTree, listAllDepartments, updateDepartmentFor } from './organizations.service.ts';

export function registerOrganizationsRoutes(app: ZodApp, ctx: ServiceContext): void {
  app.get('/api/v1/organizations', {
    schema: { tags: ['organizations'], summary: '机构列表（扁平，上级在前）', response: withProblems({ 200: departmentListSchema }) },
    config: { access: organizationsPolicy.list },
  }, async () => ({ items: unwrap(await listAllDepartments(ctx)) }));

  app.get('/api/v1/organizations/tree', {
    schema: { tags: ['organizations'], summary: '机构树', response: withProblems({ 200: departmentTreeSchema }) },
    config: { access: organizationsPolicy.tree },
  }, async () => ({ roots: unwrap(await departmentTree(ctx)) }));

  app.post('/api/v1/organizations', {
    schema: { tags: ['organizations'], summary: '新建机构', body: createDepartmentBodySchema, response: withProblems({ 201: departmentSchema }) },
    config: { access: organizationsPolicy.create },
  }, async (request, reply) => reply.code(201).send(unwrap(await createDepartment(ctx, principalOf(request), request.body))));

  app.patch('/api/v1/organizations/:id', {
    schema: {
      tags: ['organizations'], summary: '修改机构', params: idParamsSchema, body: updateDepartmentBodySchema,
      response: withProblems({ 200: departmentSchema }),
    },
    config: { access: organizationsPolicy.update },
  }, async (request) => unwrap(await updateDepartmentFor(ctx, principalOf(request), request.params.id, request.body)));
}
