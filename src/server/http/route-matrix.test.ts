import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { problemSchema } from '../../contracts/common.ts';
import { roles, type Role } from '../../contracts/roles.ts';
import { makeDepartment, makeSession, makeUser } from '../test/factories.ts';
import { createTestApp, type TestApp } from '../test/test-app.ts';
import type { Access } from './access.ts';

/**
 * Role × route matrix. Every /api route the app registers must be listed here with who
 * may reach it; a route missing from the table fails the test, and so does any role
 * that reaches a route it must not (or is refused one it may use).
 */
type Allowed = 'public' | 'signed_in' | readonly Role[];
interface Ids { targetUserId: string; departmentId: string; missingId: string }
interface Case { allowed: Allowed; request: (ids: Ids) => { url: string; payload?: unknown } }

const admins = ['system_admin', 'department_admin'] as const;
const entityReaders = ['system_admin', 'department_admin', 'oversight', 'leader', 'officer'] as const;
const table: Record<string, Case> = {
  'GET /api/health': { allowed: 'public', request: () => ({ url: '/api/health' }) },
  'GET /api/openapi.json': { allowed: 'public', request: () => ({ url: '/api/openapi.json' }) },
  'GET /api/v1/public/home': { allowed: 'public', request: () => ({ url: '/api/v1/public/home' }) },
  'POST /api/v1/session': { allowed: 'public', request: () => ({ url: '/api/v1/session', payload: {} }) },
  'GET /api/v1/session': { allowed: 'signed_in', request: () => ({ url: '/api/v1/session' }) },
  'DELETE /api/v1/session': { allowed: 'signed_in', request: () => ({ url: '/api/v1/session' }) },
  'POST /api/v1/session/password': { allowed: 'signed_in', request: () => ({ url: '/api/v1/session/password', payload: {} }) },
  'GET /api/v1/users': { allowed: admins, request: () => ({ url: '/api/v1/users' }) },
  'POST /api/v1/users': { allowed: admins, request: () => ({ url: '/api/v1/users', payload: {} }) },
  'PATCH /api/v1/users/:id': { allowed: admins, request: (ids) => ({ url: `/api/v1/users/${ids.targetUserId}`, payload: {} }) },
  'POST /api/v1/users/:id/reset-password': { allowed: admins, request: (ids) => ({ url: `/api/v1/users/${ids.targetUserId}/reset-password`, payload: {} }) },
  'GET /api/v1/organizations': { allowed: 'signed_in', request: () => ({ url: '/api/v1/organizations' }) },
  'GET /api/v1/organizations/tree': { allowed: 'signed_in', request: () => ({ url: '/api/v1/organizations/tree' }) },
  'POST /api/v1/organizations': { allowed: ['system_admin'], request: () => ({ url: '/api/v1/organizations', payload: {} }) },
  'PATCH /api/v1/organizations/:id': { allowed: ['system_admin'], request: (ids) => ({ url: `/api/v1/organizations/${ids.departmentId}`, payload: {} }) },
  'GET /api/v1/audit': { allowed: ['system_admin', 'oversight'], request: () => ({ url: '/api/v1/audit' }) },
  'GET /api/v1/audit/verify': { allowed: ['system_admin', 'oversight'], request: () => ({ url: '/api/v1/audit/verify' }) },
  'GET /api/v1/tokens': { allowed: 'signed_in', request: () => ({ url: '/api/v1/tokens' }) },
  'POST /api/v1/tokens': { allowed: 'signed_in', request: () => ({ url: '/api/v1/tokens', payload: {} }) },
  'DELETE /api/v1/tokens/:id': { allowed: 'signed_in', request: (ids) => ({ url: `/api/v1/tokens/${ids.missingId}` }) },
  'GET /api/v1/entities': { allowed: entityReaders, request: () => ({ url: '/api/v1/entities' }) },
  'GET /api/v1/entities/facets': { allowed: entityReaders, request: () => ({ url: '/api/v1/entities/facets' }) },
  'GET /api/v1/entities/export.xlsx': { allowed: entityReaders, request: () => ({ url: '/api/v1/entities/export.xlsx' }) },
  'GET /api/v1/entities/:id': { allowed: entityReaders, request: (ids) => ({ url: `/api/v1/entities/${ids.missingId}` }) },
  'PATCH /api/v1/entities/:id': { allowed: admins, request: (ids) => ({ url: `/api/v1/entities/${ids.missingId}`, payload: {} }) },
  'POST /api/v1/entities/bulk-tags': { allowed: admins, request: () => ({ url: '/api/v1/entities/bulk-tags', payload: {} }) },
  'POST /api/v1/entities/claim': { allowed: admins, request: () => ({ url: '/api/v1/entities/claim', payload: {} }) },
};

// 一单两库一指引: items, guidelines and officers.
const officerReaders = ['system_admin', 'department_admin', 'oversight', 'leader', 'officer'] as const;
const directoryReaders = ['system_admin', 'department_admin', 'oversight', 'leader'] as const;
Object.assign(table, {
  'GET /api/v1/items': { allowed: 'signed_in', request: () => ({ url: '/api/v1/items' }) },
  'GET /api/v1/items/export.xlsx': { allowed: 'signed_in', request: () => ({ url: '/api/v1/items/export.xlsx' }) },
  'GET /api/v1/guidelines/export.xlsx': { allowed: 'signed_in', request: () => ({ url: '/api/v1/guidelines/export.xlsx' }) },
  'POST /api/v1/items': { allowed: admins, request: () => ({ url: '/api/v1/items', payload: {} }) },
  'GET /api/v1/items/:id': { allowed: 'signed_in', request: (ids) => ({ url: `/api/v1/items/${ids.missingId}` }) },
  'PATCH /api/v1/items/:id': { allowed: admins, request: (ids) => ({ url: `/api/v1/items/${ids.missingId}`, payload: { reason: 'x' } }) },
  'GET /api/v1/items/:id/versions': { allowed: 'signed_in', request: (ids) => ({ url: `/api/v1/items/${ids.missingId}/versions` }) },
  'GET /api/v1/items/:id/diff': { allowed: 'signed_in', request: (ids) => ({ url: `/api/v1/items/${ids.missingId}/diff?from=1&to=2` }) },
  'POST /api/v1/items/:id/claim': { allowed: admins, request: (ids) => ({ url: `/api/v1/items/${ids.missingId}/claim`, payload: {} }) },
  'POST /api/v1/items/:id/retire': { allowed: admins, request: (ids) => ({ url: `/api/v1/items/${ids.missingId}/retire`, payload: { reason: 'x' } }) },
  'GET /api/v1/public/items': { allowed: 'public', request: () => ({ url: '/api/v1/public/items' }) },
  'GET /api/v1/guidelines': { allowed: 'signed_in', request: () => ({ url: '/api/v1/guidelines' }) },
  'GET /api/v1/guidelines/:id': { allowed: 'signed_in', request: (ids) => ({ url: `/api/v1/guidelines/${ids.missingId}` }) },
  'GET /api/v1/items/:id/guideline': { allowed: 'signed_in', request: (ids) => ({ url: `/api/v1/items/${ids.missingId}/guideline` }) },
  'GET /api/v1/items/:id/guideline/versions': { allowed: 'signed_in', request: (ids) => ({ url: `/api/v1/items/${ids.missingId}/guideline/versions` }) },
  'PUT /api/v1/items/:id/guideline': { allowed: admins, request: (ids) => ({ url: `/api/v1/items/${ids.missingId}/guideline`, payload: {} }) },
  'GET /api/v1/officers': { allowed: officerReaders, request: () => ({ url: '/api/v1/officers' }) },
  'GET /api/v1/officers/export.xlsx': { allowed: directoryReaders, request: () => ({ url: '/api/v1/officers/export.xlsx' }) },
  'POST /api/v1/officers': { allowed: admins, request: () => ({ url: '/api/v1/officers', payload: {} }) },
  'GET /api/v1/officers/:id': { allowed: officerReaders, request: (ids) => ({ url: `/api/v1/officers/${ids.missingId}` }) },
  'PATCH /api/v1/officers/:id': { allowed: admins, request: (ids) => ({ url: `/api/v1/officers/${ids.missingId}`, payload: {} }) },
  'GET /api/v1/officers/:id/conflicts': { allowed: officerReaders, request: (ids) => ({ url: `/api/v1/officers/${ids.missingId}/conflicts` }) },
  'POST /api/v1/officers/:id/conflicts': { allowed: admins, request: (ids) => ({ url: `/api/v1/officers/${ids.missingId}/conflicts`, payload: {} }) },
  'POST /api/v1/officers/:id/conflicts/:conflictId/end': {
    allowed: admins, request: (ids) => ({ url: `/api/v1/officers/${ids.missingId}/conflicts/${ids.missingId}/end`, payload: {} }),
  },
} satisfies Record<string, Case>);

// Imports of the directories (src/server/modules/imports).
Object.assign(table, {
  'POST /api/v1/entities/import': { allowed: admins, request: () => ({ url: '/api/v1/entities/import?kind=entities', payload: {} }) },
  'POST /api/v1/imports/:kind': { allowed: admins, request: () => ({ url: '/api/v1/imports/officers', payload: {} }) },
  'GET /api/v1/imports/templates/:kind': { allowed: admins, request: () => ({ url: '/api/v1/imports/templates/entities' }) },
  'GET /api/v1/imports/:id': { allowed: admins, request: (ids) => ({ url: `/api/v1/imports/${ids.missingId}` }) },
  'GET /api/v1/imports/:id/rejected.xlsx': { allowed: admins, request: (ids) => ({ url: `/api/v1/imports/${ids.missingId}/rejected.xlsx` }) },
  'POST /api/v1/imports/:id/commit': { allowed: admins, request: (ids) => ({ url: `/api/v1/imports/${ids.missingId}/commit`, payload: {} }) },
  'POST /api/v1/imports/:id/cancel': { allowed: admins, request: (ids) => ({ url: `/api/v1/imports/${ids.missingId}/cancel`, payload: {} }) },
} satisfies Record<string, Case>);

// Plans, tasks and draws (src/server/modules/plans, tasks, draws).
Object.assign(table, {
  'GET /api/v1/plans': { allowed: 'signed_in', request: () => ({ url: '/api/v1/plans' }) },
  'GET /api/v1/plans/overview': { allowed: 'signed_in', request: () => ({ url: '/api/v1/plans/overview?year=2026' }) },
  'POST /api/v1/plans': { allowed: admins, request: () => ({ url: '/api/v1/plans', payload: {} }) },
  'GET /api/v1/plans/:id': { allowed: 'signed_in', request: (ids) => ({ url: `/api/v1/plans/${ids.missingId}` }) },
  'PATCH /api/v1/plans/:id': { allowed: admins, request: (ids) => ({ url: `/api/v1/plans/${ids.missingId}`, payload: {} }) },
  'POST /api/v1/plans/:id/submit': { allowed: admins, request: (ids) => ({ url: `/api/v1/plans/${ids.missingId}/submit` }) },
  'POST /api/v1/plans/:id/approve': { allowed: ['system_admin', 'leader'], request: (ids) => ({ url: `/api/v1/plans/${ids.missingId}/approve` }) },
  'POST /api/v1/plans/:id/publish': { allowed: admins, request: (ids) => ({ url: `/api/v1/plans/${ids.missingId}/publish` }) },
  'POST /api/v1/plans/:id/revisions': { allowed: admins, request: (ids) => ({ url: `/api/v1/plans/${ids.missingId}/revisions`, payload: { reason: '调整' } }) },
  'GET /api/v1/plans/:id/versions/:version': { allowed: 'signed_in', request: (ids) => ({ url: `/api/v1/plans/${ids.missingId}/versions/1` }) },
  'GET /api/v1/plans/:id/diff': { allowed: 'signed_in', request: (ids) => ({ url: `/api/v1/plans/${ids.missingId}/diff?from=1&to=2` }) },
  'GET /api/v1/plans/:id/coverage': { allowed: 'signed_in', request: (ids) => ({ url: `/api/v1/plans/${ids.missingId}/coverage` }) },
  'GET /api/v1/plans/:id/export.xlsx': { allowed: 'signed_in', request: (ids) => ({ url: `/api/v1/plans/${ids.missingId}/export.xlsx` }) },
  'GET /api/v1/public/plans': { allowed: 'public', request: () => ({ url: '/api/v1/public/plans' }) },
  'GET /api/v1/tasks': { allowed: 'signed_in', request: () => ({ url: '/api/v1/tasks' }) },
  'POST /api/v1/tasks': { allowed: admins, request: () => ({ url: '/api/v1/tasks', payload: {} }) },
  'GET /api/v1/tasks/one-industry-template': { allowed: admins, request: () => ({ url: '/api/v1/tasks/one-industry-template?industry=%E9%81%93%E8%B7%AF%E8%B4%A7%E8%BF%90' }) },
  'GET /api/v1/tasks/:id': { allowed: 'signed_in', request: (ids) => ({ url: `/api/v1/tasks/${ids.missingId}` }) },
  'PATCH /api/v1/tasks/:id': { allowed: admins, request: (ids) => ({ url: `/api/v1/tasks/${ids.missingId}`, payload: {} }) },
  'POST /api/v1/tasks/:id/freeze': { allowed: admins, request: (ids) => ({ url: `/api/v1/tasks/${ids.missingId}/freeze` }) },
  'POST /api/v1/tasks/:id/seed': { allowed: admins, request: (ids) => ({ url: `/api/v1/tasks/${ids.missingId}/seed`, payload: { method: 'system' } }) },
  'POST /api/v1/tasks/:id/draw': { allowed: admins, request: (ids) => ({ url: `/api/v1/tasks/${ids.missingId}/draw` }) },
  'GET /api/v1/public/tasks': { allowed: 'public', request: () => ({ url: '/api/v1/public/tasks' }) },
  'GET /api/v1/public/tasks/:code': { allowed: 'public', request: () => ({ url: '/api/v1/public/tasks/NONE-1' }) },
  'GET /api/v1/draws/:id': { allowed: 'signed_in', request: (ids) => ({ url: `/api/v1/draws/${ids.missingId}` }) },
  'DELETE /api/v1/draws/:id': { allowed: admins, request: (ids) => ({ url: `/api/v1/draws/${ids.missingId}` }) },
  'PATCH /api/v1/draws/:id': { allowed: admins, request: (ids) => ({ url: `/api/v1/draws/${ids.missingId}` }) },
  'POST /api/v1/draws/:id/seed': { allowed: admins, request: (ids) => ({ url: `/api/v1/draws/${ids.missingId}/seed`, payload: { method: 'system' } }) },
  'POST /api/v1/draws/:id/run': { allowed: admins, request: (ids) => ({ url: `/api/v1/draws/${ids.missingId}/run` }) },
  'POST /api/v1/draws/:id/abandon': { allowed: admins, request: (ids) => ({ url: `/api/v1/draws/${ids.missingId}/abandon`, payload: { reason: '测试作废' } }) },
  'POST /api/v1/draws/:id/replacements': { allowed: admins, request: (ids) => ({ url: `/api/v1/draws/${ids.missingId}/replacements`, payload: { object: 'X', officer: 'Y', reason: '因病' } }) },
  'GET /api/v1/draws/:id/forms/:object': { allowed: 'signed_in', request: (ids) => ({ url: `/api/v1/draws/${ids.missingId}/forms/X` }) },
  'GET /api/v1/draws/:id/forms/:object/export.xlsx': { allowed: 'signed_in', request: (ids) => ({ url: `/api/v1/draws/${ids.missingId}/forms/X/export.xlsx` }) },
  'GET /api/v1/me/assignments': { allowed: 'signed_in', request: () => ({ url: '/api/v1/me/assignments' }) },
  'POST /api/v1/draws/:id/confirm': { allowed: admins, request: (ids) => ({ url: `/api/v1/draws/${ids.missingId}/confirm`, payload: {} }) },
  'GET /api/v1/public/draws/:drawId': { allowed: 'public', request: () => ({ url: '/api/v1/public/draws/NONE-1' }) },
  'GET /api/v1/public/draws/:drawId/tickets/:key': { allowed: 'public', request: () => ({ url: '/api/v1/public/draws/NONE-1/tickets/K' }) },
} satisfies Record<string, Case>);

// Inspections and results (src/server/modules/inspections): the team check is in the service (403 off the team).
Object.assign(table, {
  'GET /api/v1/inspections': { allowed: 'signed_in', request: () => ({ url: '/api/v1/inspections' }) },
  'GET /api/v1/inspections/:id': { allowed: 'signed_in', request: (ids) => ({ url: `/api/v1/inspections/${ids.missingId}` }) },
  'PUT /api/v1/inspections/:id/draft': { allowed: 'signed_in', request: (ids) => ({ url: `/api/v1/inspections/${ids.missingId}/draft`, payload: {} }) },
  'POST /api/v1/inspections/:id/evidence': { allowed: 'signed_in', request: (ids) => ({ url: `/api/v1/inspections/${ids.missingId}/evidence`, payload: {} }) },
  'GET /api/v1/inspections/:id/evidence/:evidenceId': { allowed: 'signed_in', request: (ids) => ({ url: `/api/v1/inspections/${ids.missingId}/evidence/${ids.missingId}` }) },
  'GET /api/v1/inspections/:id/evidence/:evidenceId/thumbnail': { allowed: 'signed_in', request: (ids) => ({ url: `/api/v1/inspections/${ids.missingId}/evidence/${ids.missingId}/thumbnail` }) },
  'DELETE /api/v1/inspections/:id/evidence/:evidenceId': { allowed: 'signed_in', request: (ids) => ({ url: `/api/v1/inspections/${ids.missingId}/evidence/${ids.missingId}` }) },
  'POST /api/v1/inspections/:id/signatures': { allowed: 'signed_in', request: (ids) => ({ url: `/api/v1/inspections/${ids.missingId}/signatures`, payload: { signer: 'paper_form', evidenceId: ids.missingId } }) },
  'POST /api/v1/inspections/:id/submit': { allowed: 'signed_in', request: (ids) => ({ url: `/api/v1/inspections/${ids.missingId}/submit` }) },
  'POST /api/v1/inspections/:id/review': { allowed: admins, request: (ids) => ({ url: `/api/v1/inspections/${ids.missingId}/review`, payload: { decision: 'approve' } }) },
  'POST /api/v1/inspections/:id/publish': { allowed: admins, request: (ids) => ({ url: `/api/v1/inspections/${ids.missingId}/publish` }) },
  'POST /api/v1/inspections/:id/corrections': { allowed: admins, request: (ids) => ({ url: `/api/v1/inspections/${ids.missingId}/corrections`, payload: { reason: '更正', codes: ['1'] } }) },
  'GET /api/v1/public/results': { allowed: 'public', request: () => ({ url: '/api/v1/public/results?q=%E6%B5%8B%E8%AF%95' }) },
  'GET /api/v1/public/results/:key': { allowed: 'public', request: () => ({ url: '/api/v1/public/results/NONE' }) },
} satisfies Record<string, Case>);

// Follow-ups (src/server/modules/followups): department scoping is in the service (404 for another department's).
Object.assign(table, {
  'GET /api/v1/followups': { allowed: 'signed_in', request: () => ({ url: '/api/v1/followups' }) },
  'GET /api/v1/followups/:id': { allowed: 'signed_in', request: (ids) => ({ url: `/api/v1/followups/${ids.missingId}` }) },
  'POST /api/v1/followups/:id/measure': { allowed: admins, request: (ids) => ({ url: `/api/v1/followups/${ids.missingId}/measure`, payload: { measure: 'other' } }) },
  'POST /api/v1/followups/:id/progress': { allowed: admins, request: (ids) => ({ url: `/api/v1/followups/${ids.missingId}/progress`, payload: { on: '2026-01-05', note: '进展' } }) },
  'POST /api/v1/followups/:id/transfer': { allowed: admins, request: (ids) => ({ url: `/api/v1/followups/${ids.missingId}/transfer`, payload: { on: '2026-01-05', target: { kind: 'department', departmentId: ids.departmentId } } }) },
  'POST /api/v1/followups/:id/close': { allowed: admins, request: (ids) => ({ url: `/api/v1/followups/${ids.missingId}/close`, payload: { closedOn: '2026-01-05', outcome: '已整改' } }) },
  'POST /api/v1/followups/:id/measures': { allowed: admins, request: (ids) => ({ url: `/api/v1/followups/${ids.missingId}/measures`, payload: { measure: 'other' } }) },
} satisfies Record<string, Case>);

function declared(access: Access | undefined): Allowed | undefined {
  if (!access) return undefined;
  if (access.kind === 'public') return 'public';
  if (access.kind === 'signed_in') return 'signed_in';
  return access.roles;
}

function mayReach(allowed: Allowed, role: Role | 'anonymous'): boolean {
  if (allowed === 'public') return true;
  if (role === 'anonymous') return false;
  if (allowed === 'signed_in') return true;
  return allowed.includes(role);
}

let t: TestApp;
let ids: Ids;
const usersByRole = new Map<Role, { id: string }>();

beforeAll(async () => {
  t = await createTestApp();
  const department = await makeDepartment(t.database.db);
  for (const role of roles) usersByRole.set(role, await makeUser(t.database.db, { roles: [role], departmentId: department.id }));
  const target = await makeUser(t.database.db, { roles: ['officer'], departmentId: department.id });
  ids = { targetUserId: target.id, departmentId: department.id, missingId: '00000000-0000-4000-8000-000000000000' };
});
afterAll(async () => {
  await t.close();
});

function apiRoutes() {
  return t.app.suijiRoutes.filter((r) => r.url.startsWith('/api/') && !r.url.startsWith('/api/docs') && r.method !== 'HEAD');
}

// 回访 (src/server/modules/callbacks).
const callbackReaders = ['oversight', 'leader', 'system_admin'] as const;
Object.assign(table, {
  'GET /api/v1/callbacks': { allowed: callbackReaders, request: () => ({ url: '/api/v1/callbacks' }) },
  'POST /api/v1/callbacks': { allowed: ['oversight', 'system_admin'], request: () => ({ url: '/api/v1/callbacks', payload: {} }) },
  'GET /api/v1/callbacks/summary': { allowed: callbackReaders, request: () => ({ url: '/api/v1/callbacks/summary?year=2024' }) },
});

// 督导考核 (src/server/modules/oversight).
const statsReaders = ['oversight', 'leader', 'system_admin', 'department_admin'] as const;
const statsReporters = ['oversight', 'leader', 'system_admin'] as const;
Object.assign(table, {
  'GET /api/v1/stats/indicators': { allowed: statsReaders, request: () => ({ url: '/api/v1/stats/indicators?year=2024' }) },
  'GET /api/v1/stats/anomalies': { allowed: statsReaders, request: () => ({ url: '/api/v1/stats/anomalies?year=2024' }) },
  'POST /api/v1/stats/anomalies/:id/review': { allowed: ['oversight', 'system_admin'], request: (ids: Ids) => ({ url: `/api/v1/stats/anomalies/${ids.missingId}/review`, payload: {} }) },
  'GET /api/v1/stats/report': { allowed: statsReporters, request: () => ({ url: '/api/v1/stats/report?period=2024-Q3' }) },
  'GET /api/v1/stats/report.xlsx': { allowed: statsReporters, request: () => ({ url: '/api/v1/stats/report.xlsx?period=2024-09' }) },
  'GET /api/v1/stats/assessment.xlsx': { allowed: statsReporters, request: () => ({ url: '/api/v1/stats/assessment.xlsx?year=2024' }) },
});

// 归档 (src/server/modules/archives): department admins of the task archive; oversight and leaders read too.
Object.assign(table, {
  'GET /api/v1/tasks/:id/archive/check': { allowed: ['system_admin', 'department_admin', 'oversight', 'leader'], request: (ids) => ({ url: `/api/v1/tasks/${ids.missingId}/archive/check` }) },
  'POST /api/v1/tasks/:id/archive': { allowed: admins, request: (ids) => ({ url: `/api/v1/tasks/${ids.missingId}/archive` }) },
  'GET /api/v1/tasks/:id/archive.zip': { allowed: ['system_admin', 'department_admin', 'oversight', 'leader'], request: (ids) => ({ url: `/api/v1/tasks/${ids.missingId}/archive.zip` }) },
} satisfies Record<string, Case>);

describe('role × route matrix', () => {
  it('lists every registered /api route, with the access the route declares', () => {
    const registered = apiRoutes().map((r) => `${r.method} ${r.url}`).sort();
    expect(registered).toEqual(Object.keys(table).sort());
    for (const route of apiRoutes()) {
      const entry = table[`${route.method} ${route.url}`];
      expect(declared(route.access), `${route.method} ${route.url}`).toEqual(entry?.allowed);
    }
  });

  const subjects: (Role | 'anonymous')[] = ['anonymous', ...roles];
  for (const [key, entry] of Object.entries(table)) {
    const [method, url] = key.split(' ') as [string, string];
    for (const subject of subjects) {
      const reach = mayReach(entry.allowed, subject);
      it(`${subject} ${reach ? 'reaches' : 'is refused'} ${method} ${url}`, async () => {
        let headers: Record<string, string> = {};
        if (subject !== 'anonymous') {
          const user = usersByRole.get(subject);
          if (!user) throw new Error(`no user for ${subject}`);
          headers = (await makeSession(t.database.db, user, t.clock.now())).headers;
        }
        const { url: path, payload } = entry.request(ids);
        const res = await t.app.inject({
          method: method as 'GET', url: path, headers,
          ...(payload === undefined ? {} : { payload: payload as object }),
        });
        expect(res.statusCode, res.body).toBeLessThan(500);
        if (reach) {
          expect([401, 403], `${subject} ${key}: ${res.body}`).not.toContain(res.statusCode);
        } else {
          expect(res.statusCode, res.body).toBe(subject === 'anonymous' ? 401 : 403);
          expect(res.headers['content-type']).toMatch(/^application\/problem\+json/);
          expect(problemSchema.safeParse(res.json()).success).toBe(true);
        }
      });
    }
  }
});
