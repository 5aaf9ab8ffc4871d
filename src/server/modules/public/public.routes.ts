import { publicHomeSchema } from '../../../contracts/public.ts';
import type { ServiceContext } from '../../http/context.ts';
import type { ZodApp } from '../../http/fastify-types.ts';
import { unwrap } from '../../http/failures.ts';
import { withProblems } from '../../http/schemas.ts';
import { publicPolicy } from './public.policy.ts';
import { publicHome } from './public.service.ts';

export function registerPublicRoutes(app: ZodApp, ctx: ServiceContext): void {
  app.get('/api/v1/public/home', {
    schema: { tags: ['public'], summary: '公示门户首页（无需登录）', response: withProblems({ 200: publicHomeSchema }) },
    config: { access: publicPolicy.home },
  }, async () => unwrap(await publicHome(ctx)));
}
