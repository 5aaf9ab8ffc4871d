import type { AuditActor } from '../audit/audit-events.ts';
import { appendAudit } from '../audit/audit-log.ts';
import type { Db } from '../db/database.ts';
import type { entities, riskSnapshots } from '../db/schema-directory.ts';
import { analyzeEntities, insertEntities, insertRiskSnapshots } from '../modules/entities/entities.repository.ts';
import { insertGuidelineVersion } from '../modules/guidelines/guidelines.repository.ts';
import { itemSnapshot } from '../modules/items/item-snapshot.ts';
import { insertItem, insertItemVersion } from '../modules/items/items.repository.ts';
import { insertConflict, insertOfficer } from '../modules/officers/officers.repository.ts';
import { generateDemoDirectory } from './directory/generate-demo-directory.ts';
import type { DemoDepartmentCode, DemoDirectory, DemoEntity, DemoIndustry } from './directory/types.ts';

export interface DirectorySeedCounts {
  items: number;
  guidelines: number;
  entities: number;
  objects: number;
  riskSnapshots: number;
  officers: number;
  experts: number;
  conflicts: number;
  unclaimedEntities: number;
}

const entityKindLabels: Record<DemoEntity['entityKind'], string> = { enterprise: '企业', individual: '个体工商户', cooperative: '农民专业合作社' };

/** Which department looks after the firms and objects of an industry (认领) in the model bureau. */
const departmentOfIndustry: Record<DemoIndustry, DemoDepartmentCode> = {
  道路货运: 'YSGL', 道路客运: 'YSGL', 驾驶员培训: 'YSGL', 机动车维修: 'YSGL', 危险货物运输: 'YSGL', 出租汽车: 'YSGL',
  城市公交: 'YSGL', 水路运输: 'YSGL', 公路建设: 'GCZJ', 工程试验检测: 'GCZJ', 涉路施工: 'GLYH',
};

/** Firms registered since this date come from the registration feed and wait to be claimed (认领). */
export const demoUnclaimedSince = '2024-01-01';

/** Experts have no certificate: the directory code EXP-001, EXP-002 … */
function expertKey(key: string): string {
  const n = /^EXP-(\d+)$/.exec(key)?.[1];
  return n === undefined ? key : `EXP-${n.padStart(3, '0')}`;
}

/**
 * Loads the demo 一单两库一指引 (generateDemoDirectory) inside the caller's transaction:
 * items (version 1, claimed by their department when county level) with guideline
 * version 1, entities and objects with risk snapshots, officers and experts, conflicts.
 * One audit event records it. `departmentIdByCode` must hold every DemoDepartmentCode.
 */
export async function seedDirectory(
  tx: Db, now: Date, actor: AuditActor, departmentIdByCode: ReadonlyMap<string, string>,
  directory: DemoDirectory = generateDemoDirectory(),
): Promise<DirectorySeedCounts> {
  const departmentId = (code: DemoDepartmentCode): string => {
    const id = departmentIdByCode.get(code);
    if (!id) throw new Error(`demo department ${code} is missing`);
    return id;
  };

  for (const item of directory.items) {
    const responsible = departmentId(item.responsibleDepartmentCode);
    const county = item.supervisionLevel === 'county';
    const row = await insertItem(tx, {
      code: item.code, version: 1, status: 'active', category: item.category, groupName: item.group, name: item.name,
      legalBasis: item.legalBasis, responsibleDepartmentId: responsible, supervisionLevel: item.supervisionLevel,
      objectType: item.objectType, content: item.content, methods: item.methods, defaultRatioBp: item.defaultRatioBp,
      frequency: item.frequency, requiredTags: item.requiredTags, industries: item.industries, remarks: item.remarks,
      source: county ? 'own' : 'upper', claimedByDepartmentId: county ? responsible : null, claimedAt: county ? now : null,
      createdAt: now, updatedAt: now,
    });
    await insertItemVersion(tx, { itemId: row.id, version: 1, snapshot: itemSnapshot(row), reason: '演示数据初始版本', changedAt: now });
    await insertGuidelineVersion(tx, {
      itemId: row.id, version: 1, content: item.guideline.content, method: item.guideline.method, basis: item.guideline.basis,
      checkpoints: item.guideline.checkpoints, reason: '演示数据初始版本', createdAt: now,
    });
  }

  const entityRows: (typeof entities.$inferInsert)[] = directory.entities.map((e) => {
    const claimed = e.foundedOn < demoUnclaimedSince;
    return {
      kind: 'subject', key: e.key, uscc: e.uscc, registrationNumber: e.registrationNumber, name: e.name,
      legalRepresentative: e.legalRepresentative, address: e.address, regionCode: e.regionCode, contactName: e.contactName,
      contactPhone: e.contactPhone, industry: e.industry, focusAreas: e.focusAreas, status: e.status, statusSince: e.statusSince,
      foundedOn: e.foundedOn, riskClass: e.riskSnapshots[e.riskSnapshots.length - 1]?.riskClass ?? 'U',
      attributes: { 主体类型: entityKindLabels[e.entityKind] },
      claimedByDepartmentId: claimed ? departmentId(departmentOfIndustry[e.industry]) : null, claimedAt: claimed ? now : null,
      createdAt: now, updatedAt: now,
    };
  });
  const objectRows: (typeof entities.$inferInsert)[] = directory.objects.map((o) => ({
    kind: 'object', key: o.code, objectKind: o.kind, name: o.name, regionCode: o.regionCode, industry: o.industry,
    ownerKey: o.ownerUscc, attributes: o.attributes, riskClass: 'U',
    claimedByDepartmentId: departmentId(departmentOfIndustry[o.industry]), claimedAt: now, createdAt: now, updatedAt: now,
  }));
  const idByKey = await insertEntities(tx, [...entityRows, ...objectRows]);
  const snapshots: (typeof riskSnapshots.$inferInsert)[] = directory.entities.flatMap((e) => {
    const entityId = idByKey.get(e.key);
    if (!entityId) throw new Error(`entity ${e.key} was not inserted`);
    return e.riskSnapshots.map((s) => ({ entityId, effectiveFrom: s.effectiveFrom, riskClass: s.riskClass }));
  });
  await insertRiskSnapshots(tx, snapshots);
  await analyzeEntities(tx);

  const officerIdByCertificate = new Map<string, string>();
  for (const o of directory.officers) {
    const row = await insertOfficer(tx, {
      key: o.certificateNo ?? expertKey(o.key), certificateNo: o.certificateNo, certificateType: o.certificateType,
      validFrom: o.validFrom, validTo: o.validTo, name: o.name, gender: o.gender, title: o.title,
      departmentId: departmentId(o.departmentCode), tags: o.tags, category: o.category, status: o.status,
      leaveFrom: o.leaveFrom, leaveTo: o.leaveTo, createdAt: now, updatedAt: now,
    });
    if (o.certificateNo) officerIdByCertificate.set(o.certificateNo, row.id);
  }
  for (const c of directory.conflicts) {
    const officerId = officerIdByCertificate.get(c.certificateNo);
    const entityId = idByKey.get(c.entityUscc);
    if (!officerId || !entityId) throw new Error(`conflict ${c.certificateNo} → ${c.entityUscc} names an unknown officer or entity`);
    await insertConflict(tx, { officerId, entityId, reason: c.reason, validFrom: c.validFrom, validTo: c.validTo, createdAt: now });
  }

  const counts: DirectorySeedCounts = {
    items: directory.items.length,
    guidelines: directory.items.length,
    entities: directory.entities.length,
    objects: directory.objects.length,
    riskSnapshots: snapshots.length,
    officers: directory.officers.filter((o) => o.category !== 'expert').length,
    experts: directory.officers.filter((o) => o.category === 'expert').length,
    conflicts: directory.conflicts.length,
    unclaimedEntities: entityRows.filter((e) => e.claimedByDepartmentId === null).length,
  };
  await appendAudit(tx, {
    actor, action: 'directory.demo_seeded', subjectType: 'system', subjectId: null,
    summary: `载入演示“一单两库一指引”：${counts.items} 个抽查事项及指引，${counts.entities} 个市场主体，${counts.objects} 个非主体类对象，`
      + `${counts.officers} 名执法人员、${counts.experts} 名专家，${counts.conflicts} 条回避关系`,
    changes: { seed: directory.seed, ...counts },
  }, now);
  return counts;
}
