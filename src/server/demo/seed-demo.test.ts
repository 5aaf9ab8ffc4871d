import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { verifyAuditChain } from '../audit/audit-log.ts';
import { createTestApp, type TestApp } from '../test/test-app.ts';
import { listAuditEvents } from '../modules/audit/audit.repository.ts';
import { demoPassword, demoUsers } from './demo-data.ts';
import { seedDemo } from './seed-demo.ts';

let t: TestApp;
beforeAll(async () => {
  t = await createTestApp();
});
afterAll(async () => {
  await t.close();
});

describe('demo data', () => {
  it('loads the bureau and users once, audited, and every demo account signs in', async () => {
    expect(await seedDemo(t.database.db, t.clock.now())).toBe(true);
    expect(await seedDemo(t.database.db, t.clock.now())).toBe(false);
    const home = (await t.app.inject({ method: 'GET', url: '/api/v1/public/home' })).json();
    expect(home.bureauName).toBe('示例县交通运输局');
    expect(home.regionCode).toBe('130227');
    expect(home.departments.map((d: { name: string }) => d.name)).toEqual(['办公室', '政策法规科', '运输管理科', '综合执法大队', '工程质量监督站', '公路养护中心', '安全监督科']);
    for (const user of demoUsers) {
      const res = await t.app.inject({ method: 'POST', url: '/api/v1/session', payload: { username: user.username, password: demoPassword } });
      expect(res.statusCode, user.username).toBe(200);
      expect(res.json().user).toMatchObject({ roles: user.roles, mustChangePassword: false });
    }
    const yunguan = (await t.app.inject({ method: 'POST', url: '/api/v1/session', payload: { username: 'yunguan', password: demoPassword } })).json();
    expect(yunguan.user.departmentName).toBe('运输管理科');
    const seeded = await listAuditEvents(t.database.db, { action: 'system.demo_seeded', page: 1, pageSize: 5 });
    expect(seeded.total).toBe(1);
    expect((await verifyAuditChain(t.database.db)).ok).toBe(true);
  });
});
