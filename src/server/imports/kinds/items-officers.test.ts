import { writeFile } from 'node:fs/promises';
import path from 'node:path';
import { asc, eq } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Database } from '../../db/database.ts';
import { items, itemVersions, officers } from '../../db/schema-directory.ts';
import { makeDepartment } from '../../test/factories.ts';
import { createTestDatabase } from '../../test/test-db.ts';
import { createTestImportEnv, runImport, type TestImportEnv } from '../import-test-helpers.ts';
import { parseRatio } from './items.ts';

let database: Database;
let env: TestImportEnv;
let ysgl: string;
let gczj: string;

beforeAll(async () => {
  database = await createTestDatabase();
  env = await createTestImportEnv(database.db);
  ysgl = (await makeDepartment(database.db, { name: '运输管理科', code: 'YSGL' })).id;
  gczj = (await makeDepartment(database.db, { name: '工程质量监督站', code: 'GCZJ', kind: 'station' })).id;
});
afterAll(async () => {
  await env.cleanup();
  await database.close();
});

async function csv(name: string, lines: readonly string[]): Promise<string> {
  const file = path.join(env.dir, name);
  await writeFile(file, `\uFEFF${lines.join('\r\n')}\r\n`);
  return file;
}

const itemHeader = '事项编码,抽查类别,抽查事项名称,事项类别,抽查依据,监管层级,抽查对象,抽查内容,抽查方式,抽查比例,抽查频次,检查人员要求,适用行业,责任部门,备注';
const itemRow1 = 'QX-001,道路运输经营,道路普通货物运输经营许可的监督检查,一般检查事项,《道路运输条例》,县级,市场主体,经营资质,实地检查、书面检查,≥5%,1次/年,道路运输,道路货运,运输管理科,属地负责';
const itemRow2 = 'QX-002,公路建设,公路水运建设市场督查,重点,《公路建设市场管理办法》,县,公路工程项目,市场行为,实地检查,10%,1次/年,工程质量,公路建设,GCZJ,';

describe('items import', () => {
  it('reads ratios', () => {
    expect(parseRatio('≥5%')).toBe(500);
    expect(parseRatio('不低于 0.5 %')).toBe(50);
    expect(parseRatio('10')).toBe(1000);
    expect(parseRatio('150%')).toBeNull();
    expect(parseRatio('若干')).toBeNull();
  });

  it('inserts new items, leaves the same file unchanged, and versions a changed row', async () => {
    const first = await runImport(env, 'items', await csv('items-1.csv', [itemHeader, itemRow1, itemRow2]));
    expect(first.outcome.status).toBe('done');
    if (first.outcome.status !== 'done') return;
    expect(first.outcome.summary).toEqual({ inserted: 2, updated: 0, unchanged: 0 });
    const [row] = await database.db.select().from(items).where(eq(items.code, 'QX-001'));
    expect(row).toMatchObject({
      category: 'general', supervisionLevel: 'county', objectType: 'entity', methods: ['on_site', 'documents'], defaultRatioBp: 500,
      requiredTags: ['道路运输'], responsibleDepartmentId: ysgl, version: 1, status: 'active',
    });
    const [row2] = await database.db.select().from(items).where(eq(items.code, 'QX-002'));
    expect(row2).toMatchObject({ category: 'key', objectType: 'road_project', responsibleDepartmentId: gczj });

    const again = await runImport(env, 'items', await csv('items-2.csv', [itemHeader, itemRow1, itemRow2]));
    expect(again.outcome.status === 'done' && again.outcome.summary).toEqual({ inserted: 0, updated: 0, unchanged: 2 });

    const changed = itemRow1.replace('≥5%', '8%');
    const third = await runImport(env, 'items', await csv('items-3.csv', [itemHeader, changed, itemRow2]));
    expect(third.outcome.status === 'done' && third.outcome.summary).toEqual({ inserted: 0, updated: 1, unchanged: 1 });
    const versions = await database.db.select().from(itemVersions).where(eq(itemVersions.itemId, row?.id ?? '')).orderBy(asc(itemVersions.version));
    expect(versions.map((v) => [v.version, v.reason, v.snapshot.defaultRatioBp])).toEqual([[1, '批量导入', 500], [2, '批量导入更新', 800]]);
  });

  it('rejects rows with reasons, row by row', async () => {
    const bad = 'QX-003,道路运输经营,某事项,一般检查事项,依据,县级,市场主体,内容,飞行检查,很多,,,,不存在的科,';
    const result = await runImport(env, 'items', await csv('items-bad.csv', [itemHeader, bad]), { commit: false });
    expect(result.rejected).toHaveLength(1);
    const reasons = result.rejected[0]?.issues.map((i) => i.column).sort();
    expect(reasons).toEqual(['抽查方式', '抽查比例', '责任部门'].sort());
  });
});

const officerHeader = '姓名,执法证号,名录编号,执法证件类型,证件有效期起,证件有效期止,所属部门,性别,职务,执法资质及业务专长,人员类别,状态,休假开始,休假结束';

describe('officers import', () => {
  it('resolves the department by name or code, splits tags on 、, and is idempotent', async () => {
    const lines = [
      officerHeader,
      '王工,13022700000001,,交通运输行政执法证,2022-03-01,2027-02-28,工程质量监督站,男,站长,工程质量、安全生产,执法人员,在岗,,',
      '李专家,,EXP-01,,,,GCZJ,女,高级工程师,工程质量,专家,在岗,,',
      '赵休,13022700000002,,交通运输行政执法证,2022-03-01,2027-02-28,YSGL,男,科员,道路运输,执法人员,休假,2026-03-01,2026-03-10',
    ];
    const first = await runImport(env, 'officers', await csv('officers-1.csv', lines));
    expect(first.outcome.status, JSON.stringify(first.rejected)).toBe('done');
    expect(first.outcome.status === 'done' && first.outcome.summary).toEqual({ inserted: 3, updated: 0, unchanged: 0 });
    const [wang] = await database.db.select().from(officers).where(eq(officers.key, '13022700000001'));
    expect(wang).toMatchObject({ departmentId: gczj, tags: ['工程质量', '安全生产'], category: 'officer', gender: 'male', validTo: '2027-02-28' });
    const [expert] = await database.db.select().from(officers).where(eq(officers.key, 'EXP-01'));
    expect(expert).toMatchObject({ certificateNo: null, category: 'expert' });
    const [zhao] = await database.db.select().from(officers).where(eq(officers.key, '13022700000002'));
    expect(zhao).toMatchObject({ departmentId: ysgl, status: 'on_leave', leaveFrom: '2026-03-01', leaveTo: '2026-03-10' });

    const again = await runImport(env, 'officers', await csv('officers-2.csv', lines));
    expect(again.outcome.status === 'done' && again.outcome.summary).toEqual({ inserted: 0, updated: 0, unchanged: 3 });
    const moved = lines.map((l) => l.replace('工程质量、安全生产', '工程质量'));
    const third = await runImport(env, 'officers', await csv('officers-3.csv', moved));
    expect(third.outcome.status === 'done' && third.outcome.summary).toEqual({ inserted: 0, updated: 1, unchanged: 2 });
  });

  it('rejects a row without certificate or key, or with an unknown department', async () => {
    const lines = [officerHeader, '无证,,,,,,工程质量监督站,,,,,,,', '错部门,13022700000009,,,,,不存在,,,,,,,'];
    const result = await runImport(env, 'officers', await csv('officers-bad.csv', lines), { commit: false });
    expect(result.rejected.map((r) => r.issues.map((i) => i.column))).toEqual([['执法证号'], ['所属部门']]);
  });
});
