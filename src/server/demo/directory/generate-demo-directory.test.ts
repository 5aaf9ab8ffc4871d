import { describe, expect, it } from 'vitest';
import { isIsoDate } from '../../../domain/calendar/civil-date.ts';
import { officerIneligibility } from '../../../domain/directory/officer-eligibility.ts';
import { riskClassOn, riskClasses, type RiskClass } from '../../../domain/directory/risk-class.ts';
import { verificationMethods } from '../../../domain/result/result-codes.ts';
import { checkRegistrationNumber } from '../../../domain/uscc/registration-number.ts';
import { checkUscc } from '../../../domain/uscc/uscc.ts';
import { generateDemoDirectory } from './generate-demo-directory.ts';
import {
  demoDepartmentCodes, demoFocusAreas, demoIndustries, officerTagVocabulary, type DemoDirectory,
} from './types.ts';

const dir = generateDemoDirectory();
const REF = '2024-06-01';

function uniq<T>(values: readonly T[]): boolean {
  return new Set(values).size === values.length;
}

function eligible(d: DemoDirectory, date: string) {
  return d.officers.filter((o) => officerIneligibility({
    category: o.category, status: o.status, leaveFrom: o.leaveFrom, leaveTo: o.leaveTo,
    certificateValidFrom: o.validFrom, certificateValidTo: o.validTo,
  }, date) === null);
}

describe('generateDemoDirectory: determinism', () => {
  it('gives identical data for the same seed', () => {
    expect(generateDemoDirectory(2024)).toEqual(dir);
    expect(JSON.stringify(generateDemoDirectory(7))).toBe(JSON.stringify(generateDemoDirectory(7)));
  });

  it('gives different data for a different seed', () => {
    const other = generateDemoDirectory(2025);
    expect(other.entities.map((e) => e.key)).not.toEqual(dir.entities.map((e) => e.key));
    expect(other.officers.map((o) => o.key)).not.toEqual(dir.officers.map((o) => o.key));
    expect(other.objects.map((o) => o.code)).not.toEqual(dir.objects.map((o) => o.code));
  });

  it('honours entityCount and legacyCount', () => {
    const small = generateDemoDirectory(1, { entityCount: 120, legacyCount: 3 });
    expect(small.entities.filter((e) => e.uscc !== null)).toHaveLength(120);
    expect(small.entities.filter((e) => e.uscc === null)).toHaveLength(3);
  });
});

describe('items and guidelines', () => {
  it('has 15–20 items with unique codes', () => {
    expect(dir.items.length).toBeGreaterThanOrEqual(15);
    expect(dir.items.length).toBeLessThanOrEqual(20);
    expect(uniq(dir.items.map((i) => i.code))).toBe(true);
    for (const item of dir.items) expect(item.code).toMatch(/^QXJT-SX-\d{3}$/u);
  });

  it('has both key and general items and every supervision level in use at county level', () => {
    expect(dir.items.some((i) => i.category === 'key')).toBe(true);
    expect(dir.items.some((i) => i.category === 'general')).toBe(true);
    expect(dir.items.filter((i) => i.supervisionLevel === 'county').length).toBeGreaterThan(10);
  });

  it('uses only known departments, methods, tags and industries', () => {
    for (const item of dir.items) {
      expect(demoDepartmentCodes).toContain(item.responsibleDepartmentCode);
      expect(item.methods.length).toBeGreaterThan(0);
      for (const m of item.methods) expect(verificationMethods).toContain(m);
      expect(item.requiredTags.length).toBeGreaterThan(0);
      for (const t of item.requiredTags) expect(officerTagVocabulary).toContain(t);
      for (const ind of item.industries) expect(demoIndustries).toContain(ind);
      expect(item.defaultRatioBp).toBeGreaterThan(0);
      expect(item.defaultRatioBp).toBeLessThanOrEqual(10000);
      expect(item.legalBasis).toMatch(/^《/u);
      expect(item.frequency).toMatch(/^\d次\/年$/u);
    }
  });

  it('gives every item a guideline with 4–10 yes/no checkpoints and unique codes', () => {
    const codes: string[] = [];
    for (const item of dir.items) {
      const { guideline } = item;
      expect(guideline.content.length).toBeGreaterThan(0);
      expect(guideline.method.length).toBeGreaterThan(0);
      expect(guideline.basis).toBe(item.legalBasis);
      expect(guideline.checkpoints.length).toBeGreaterThanOrEqual(4);
      expect(guideline.checkpoints.length).toBeLessThanOrEqual(10);
      for (const cp of guideline.checkpoints) {
        expect(cp.code.startsWith(`${item.code}-`)).toBe(true);
        expect(cp.text).toMatch(/是否/u);
        codes.push(cp.code);
      }
    }
    expect(uniq(codes)).toBe(true);
  });

  it('has at least two eligible officers with the required tags for every county-level item', () => {
    for (const seed of [2024, 1, 99]) {
      const d = seed === 2024 ? dir : generateDemoDirectory(seed);
      const pool = eligible(d, REF);
      for (const item of d.items.filter((i) => i.supervisionLevel === 'county')) {
        const qualified = pool.filter((o) => item.requiredTags.every((t) => o.tags.includes(t)));
        expect(qualified.length, `${seed} ${item.code} ${item.name}`).toBeGreaterThanOrEqual(2);
      }
    }
  });
});

describe('entities', () => {
  const withUscc = dir.entities.filter((e) => e.uscc !== null);
  const legacy = dir.entities.filter((e) => e.uscc === null);

  it('has 400 USCC entities plus 3–5 legacy ones, all keys and names unique', () => {
    expect(withUscc).toHaveLength(400);
    expect(legacy.length).toBeGreaterThanOrEqual(3);
    expect(legacy.length).toBeLessThanOrEqual(5);
    expect(uniq(dir.entities.map((e) => e.key))).toBe(true);
    expect(uniq(dir.entities.map((e) => e.name))).toBe(true);
  });

  it('gives every entity a valid USCC of region 130227 matching its kind', () => {
    const typeOf = { enterprise: '1', individual: '2', cooperative: '3' } as const;
    for (const e of withUscc) {
      const result = checkUscc(e.uscc ?? '');
      expect(result.ok, e.uscc ?? '').toBe(true);
      if (!result.ok) continue;
      expect(result.warnings).toEqual([]);
      expect(result.regionCode).toBe('130227');
      expect(result.uscc.charAt(0)).toBe('9');
      expect(result.uscc.charAt(1)).toBe(typeOf[e.entityKind]);
      expect(e.key).toBe(e.uscc);
      expect(e.registrationNumber).toBeNull();
    }
    expect(withUscc.filter((e) => e.entityKind === 'enterprise').length).toBeGreaterThan(withUscc.length * 0.6);
    expect(withUscc.some((e) => e.entityKind === 'individual')).toBe(true);
  });

  it('gives legacy firms a valid 15-digit 注册号 as their key', () => {
    for (const e of legacy) {
      const result = checkRegistrationNumber(e.registrationNumber ?? '');
      expect(result.ok).toBe(true);
      expect(e.key).toBe(e.registrationNumber);
      expect(e.registrationNumber?.startsWith('130227')).toBe(true);
      expect(checkUscc(e.key).ok).toBe(false);
    }
  });

  it('fills the directory fields sensibly', () => {
    for (const e of dir.entities) {
      expect(e.regionCode).toBe('130227');
      expect(e.name.startsWith('示例县')).toBe(true);
      expect(e.address.startsWith('示例县')).toBe(true);
      expect(e.legalRepresentative).toMatch(/^\p{Script=Han}{2,3}$/u);
      expect(e.contactName).toMatch(/^\p{Script=Han}{2,3}$/u);
      expect(e.contactPhone).toMatch(/^0315-56\d{5}$/u);
      expect(demoIndustries).toContain(e.industry);
      for (const f of e.focusAreas) expect(demoFocusAreas).toContain(f);
      expect(isIsoDate(e.foundedOn)).toBe(true);
      expect(e.status === 'active').toBe(e.statusSince === null);
      if (e.statusSince !== null) expect(e.statusSince > e.foundedOn).toBe(true);
    }
  });

  it('is mostly road freight and mostly active', () => {
    const freight = withUscc.filter((e) => e.industry === '道路货运').length / withUscc.length;
    expect(freight).toBeGreaterThan(0.35);
    expect(freight).toBeLessThan(0.45);
    for (const ind of ['道路客运', '驾驶员培训', '机动车维修', '危险货物运输', '出租汽车'] as const) {
      expect(withUscc.some((e) => e.industry === ind), ind).toBe(true);
    }
    const active = withUscc.filter((e) => e.status === 'active').length / withUscc.length;
    expect(active).toBeGreaterThan(0.85);
    expect(active).toBeLessThan(1);
  });

  it('has monthly snapshots from 2023-07 to 2024-06, never before founding', () => {
    for (const e of dir.entities) {
      const months = e.riskSnapshots.map((s) => s.effectiveFrom);
      expect([...months].sort()).toEqual(months);
      expect(uniq(months)).toBe(true);
      for (const m of months) {
        expect(m).toMatch(/^\d{4}-\d{2}-01$/u);
        expect(m >= '2023-07-01' && m <= '2024-06-01').toBe(true);
        expect(m > e.foundedOn).toBe(true);
      }
      if (e.foundedOn < '2023-06-01') expect(months).toHaveLength(12);
    }
    expect(withUscc.some((e) => new Set(e.riskSnapshots.map((s) => s.riskClass)).size > 1)).toBe(true);
  });

  it('keeps the class distribution within reasonable bounds', () => {
    const bounds: Record<RiskClass, [number, number]> = { A: [0.12, 0.3], B: [0.42, 0.68], C: [0.08, 0.24], D: [0.02, 0.1], U: [0.01, 0.1] };
    for (const seed of [2024, 3, 42]) {
      const d = seed === 2024 ? dir : generateDemoDirectory(seed);
      const firms = d.entities.filter((e) => e.uscc !== null);
      for (const cls of riskClasses) {
        const share = firms.filter((e) => riskClassOn(e.riskSnapshots, REF) === cls).length / firms.length;
        expect(share, `${seed} ${cls}`).toBeGreaterThanOrEqual(bounds[cls][0]);
        expect(share, `${seed} ${cls}`).toBeLessThanOrEqual(bounds[cls][1]);
      }
    }
  });
});

describe('objects', () => {
  it('has unique codes, known kinds and owners that exist', () => {
    expect(uniq(dir.objects.map((o) => o.code))).toBe(true);
    const byUscc = new Map(dir.entities.map((e) => [e.uscc, e]));
    for (const o of dir.objects) {
      expect(o.regionCode).toBe('130227');
      expect(demoIndustries).toContain(o.industry);
      expect(o.name.length).toBeGreaterThan(0);
      if (o.ownerUscc !== null) {
        const owner = byUscc.get(o.ownerUscc);
        expect(owner, o.code).toBeDefined();
        expect(owner?.status).toBe('active');
        if (o.kind === 'vehicle') expect(owner?.industry).toBe(o.industry);
      }
    }
  });

  it('has about 60 vehicles with plate numbers, about 15 road projects and a few stations', () => {
    const vehicles = dir.objects.filter((o) => o.kind === 'vehicle');
    expect(vehicles.length).toBeGreaterThanOrEqual(55);
    expect(vehicles.length).toBeLessThanOrEqual(65);
    for (const v of vehicles) {
      expect(v.code).toMatch(/^冀B(?:[A-HJ-NP-Z]\d{4}|\d{5}|\d{4}[学挂]|D\d{5}|\d{5}D)$/u);
      expect(v.ownerUscc).not.toBeNull();
      expect(v.attributes['车辆类型']).toBeDefined();
      expect(v.attributes['使用性质']).toBeDefined();
      expect(v.attributes['所属企业统一社会信用代码']).toBe(v.ownerUscc);
    }
    expect(vehicles.some((v) => v.code.endsWith('学'))).toBe(true);
    const projects = dir.objects.filter((o) => o.kind === 'road_project');
    expect(projects.length).toBeGreaterThanOrEqual(12);
    for (const p of projects) {
      expect(p.code).toMatch(/^(?:GL|SL)-2024-\d{3}$/u);
      for (const key of ['项目名称', '建设单位', '施工单位', '合同金额', '计划工期']) expect(p.attributes[key], key).toBeDefined();
    }
    expect(dir.objects.filter((o) => o.kind === 'station').length).toBeGreaterThanOrEqual(3);
  });

  it('has objects for every non-entity item', () => {
    for (const item of dir.items.filter((i) => i.objectType !== 'entity' && i.supervisionLevel === 'county')) {
      const matches = dir.objects.filter((o) => o.kind === item.objectType && item.industries.includes(o.industry));
      expect(matches.length, item.name).toBeGreaterThan(0);
    }
  });
});

describe('officers and conflicts', () => {
  const officers = dir.officers.filter((o) => o.category === 'officer');
  const experts = dir.officers.filter((o) => o.category === 'expert');

  it('has about 40 officers, the brigade the largest, with unique certificates', () => {
    expect(officers.length).toBeGreaterThanOrEqual(35);
    expect(officers.length).toBeLessThanOrEqual(45);
    const counts = new Map<string, number>();
    for (const o of dir.officers) {
      expect(demoDepartmentCodes).toContain(o.departmentCode);
      counts.set(o.departmentCode, (counts.get(o.departmentCode) ?? 0) + 1);
      for (const t of o.tags) expect(officerTagVocabulary).toContain(t);
      expect(o.tags.length).toBeGreaterThan(0);
    }
    expect(Math.max(...counts.values())).toBe(counts.get('ZHZF'));
    const certs = officers.map((o) => o.certificateNo);
    expect(uniq(certs)).toBe(true);
    for (const o of officers) {
      expect(o.certificateNo).toMatch(/^130227\d{8}$/u);
      expect(o.key).toBe(o.certificateNo);
      expect(o.certificateType).toBe('交通运输行政执法证');
      expect(o.validFrom !== null && o.validTo !== null && o.validFrom < o.validTo).toBe(true);
    }
    expect(uniq(dir.officers.map((o) => o.key))).toBe(true);
    expect(uniq(dir.officers.map((o) => o.name))).toBe(true);
  });

  it('includes experts without certificates and the special cases', () => {
    expect(experts).toHaveLength(3);
    for (const e of experts) {
      expect(e.certificateNo).toBeNull();
      expect(e.validFrom).toBeNull();
      expect(officerIneligibility({ category: e.category, status: e.status, certificateValidFrom: null, certificateValidTo: null }, REF)).toBe('expert');
    }
    const reasons = officers.map((o) => officerIneligibility({
      category: o.category, status: o.status, leaveFrom: o.leaveFrom, leaveTo: o.leaveTo,
      certificateValidFrom: o.validFrom, certificateValidTo: o.validTo,
    }, REF));
    expect(officers.some((o) => o.validTo !== null && o.validTo < '2024-01-01')).toBe(true);
    expect(reasons).toContain('certificate_expired');
    expect(reasons).toContain('certificate_not_yet_valid');
    expect(officers.filter((o) => o.status === 'suspended')).toHaveLength(1);
    const onLeave = officers.filter((o) => o.status === 'on_leave');
    expect(onLeave).toHaveLength(1);
    expect(onLeave[0]!.leaveFrom).not.toBeNull();
    expect(onLeave[0]!.leaveTo).not.toBeNull();
    expect(reasons.filter((r) => r === null).length).toBeGreaterThan(officers.length * 0.8);
  });

  it('declares about six conflicts against existing officers and entities', () => {
    expect(dir.conflicts.length).toBeGreaterThanOrEqual(5);
    expect(dir.conflicts.length).toBeLessThanOrEqual(8);
    const certs = new Set(officers.map((o) => o.certificateNo));
    const usccs = new Set(dir.entities.map((e) => e.uscc));
    for (const c of dir.conflicts) {
      expect(certs.has(c.certificateNo)).toBe(true);
      expect(usccs.has(c.entityUscc)).toBe(true);
      expect(isIsoDate(c.validFrom)).toBe(true);
      if (c.validTo !== null) expect(c.validTo > c.validFrom).toBe(true);
      expect(c.reason.length).toBeGreaterThan(0);
    }
    expect(uniq(dir.conflicts.map((c) => `${c.certificateNo}|${c.entityUscc}`))).toBe(true);
  });
});
