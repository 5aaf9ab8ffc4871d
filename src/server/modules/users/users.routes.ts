import { z } from 'zod';
import { idParamsSchema } from '../../../contracts/common.ts';
import {
  createUserBodySchema, listUsersQuerySchema, resetPasswordBodySchema, updateUserBodySchema, userPageSchema, userSchema,
} from '../../../contracts/users.ts';
import { principalOf } from '../../http/authenticate.ts';
import type { ServiceContext } from '../../http/context.ts';
import type { ZodApp } from '../../http/fastify-types.ts';
import { unwrap } from '../../http/failures.ts';
import { withProblems } from '../../http/schemas.ts';
import { usersPolicy } from './users.policy.ts';
import { createUser, listUsersFor, resetPasswordFor, updateUserFor } from './users.service.ts';

export function registerUsersRoutes(app: ZodApp, ctx: ServiceContext): void {
  app.get('/api/v1/users', {
    schema: { tags: ['users'], summary: '用户列表', querystring: listUsersQuerySchema, response: withProblems({ 200: userPageSchema }) },
    config: { access: usersPolicy.list },
  }, async (request) => unwrap(await listUsersFor(ctx, principalOf(request), request.query)));

  app.post('/api/v1/users', {
    schema: { tags: ['users'], summary: '新建用户', body: createUserBodySchema, response: withProblems({ 201: userSchema }) },
    config: { access: usersPolicy.create },
  }, async (request, reply) => reply.code(201).send(unwrap(await createUser(ctx, principalOf(request), request.body))));

  app.patch('/api/v1/users/:id', {
    schema: { tags: ['users'], summary: '修改用户', params: idParamsSchema, body: updateUserBodySchema, response: withProblems({ 200: userSchema }) },
    config: { access: usersPolicy.update },
  }, async (request) => unwrap(await updateUserFor(ctx, principalOf(request), request.params.id, request.body)));

  app.post('/api/v1/users/:id/reset-password', {
    schema: {
      tags: ['users'], summary: '重置用户密码（用户下次登录须修改）', params: idParamsSchema, body: resetPasswordBodySchema,
      response: withProblems({ 204: z.undefined() }),
    },
    config: { access: usersPolicy.resetPassword },
  }, async (request, reply) => {
    unwrap(await resetPasswordFor(ctx, principalOf(request), request.params.id, request.body.newPassword));
    return reply.code(204).send();
  });
}
