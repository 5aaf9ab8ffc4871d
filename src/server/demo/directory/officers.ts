/**
 * The officer directory (执法检查人员名录库) of the demo bureau, a small expert pool, and
 * declared conflicts of interest (回避).
 */
import { fromEpochDay, toEpochDay, type IsoDate } from '../../../domain/calendar/civil-date.ts';
import { DEMO_REGION_CODE, personName } from './pools.ts';
import type { Rng } from './prng.ts';
import {
  officerTagVocabulary, type DemoConflict, type DemoDepartmentCode, type DemoEntity, type DemoOfficer, type OfficerTag,
} from './types.ts';

export const CERTIFICATE_TYPE = '交通运输行政执法证';

interface DepartmentStaffing {
  code: DemoDepartmentCode;
  size: number;
  titles: readonly string[];
  base: readonly OfficerTag[];
  /** Extra tags given in turn, so every qualification an item needs is held by several officers. */
  rotation: readonly (readonly OfficerTag[])[];
}

const staffing: readonly DepartmentStaffing[] = [
  {
    code: 'YSGL', size: 7, titles: ['科长', '副科长'], base: ['道路运输'],
    rotation: [['道路客运'], ['驾驶员培训'], ['道路客运', '出租汽车'], ['水路运输', '道路客运'], ['驾驶员培训', '机动车维修'], ['出租汽车'], ['水路运输']],
  },
  {
    code: 'ZHZF', size: 18, titles: ['大队长', '副大队长', '中队长', '中队长', '中队长'], base: ['道路运输'],
    rotation: [['路政', '超限治理'], ['机动车维修'], ['出租汽车'], ['危险货物'], ['超限治理'], ['路政'], ['道路客运'], ['机动车维修', '出租汽车'], ['超限治理', '危险货物']],
  },
  { code: 'GCZJ', size: 6, titles: ['站长', '副站长'], base: ['工程质量'], rotation: [['安全生产'], [], ['安全生产'], [], ['路政'], []] },
  { code: 'GLYH', size: 5, titles: ['主任', '副主任'], base: ['路政'], rotation: [['超限治理'], ['工程质量'], [], ['超限治理'], []] },
  { code: 'AQJD', size: 4, titles: ['科长'], base: ['安全生产'], rotation: [['危险货物'], ['工程质量'], ['危险货物', '道路客运'], ['工程质量']] },
];

const staffTitle: Record<DemoDepartmentCode, string> = {
  YSGL: '科员', ZHZF: '执法队员', GCZJ: '质量监督员', GLYH: '路政员', AQJD: '科员',
};

const experts: readonly (readonly [DemoDepartmentCode, string, readonly OfficerTag[]])[] = [
  ['GCZJ', '高级工程师（道路与桥梁）', ['工程质量']],
  ['AQJD', '高级工程师（安全工程）', ['安全生产', '危险货物']],
  ['YSGL', '高级技师（汽车维修）', ['机动车维修']],
];

function sortTags(tags: Iterable<OfficerTag>): OfficerTag[] {
  const set = new Set(tags);
  return officerTagVocabulary.filter((t) => set.has(t));
}

/** Certificates are issued in batches after the yearly exam: [year, month] of each batch. */
const issueBatches: readonly (readonly [number, number])[] = [[2020, 1], [2020, 7], [2021, 4], [2022, 3], [2022, 11], [2023, 6], [2023, 9]];

/** A five-year certificate issued on the first of a month: valid to the day before the fifth anniversary. */
function certificatePeriod(year: number, month: number): { validFrom: IsoDate; validTo: IsoDate } {
  const mm = String(month).padStart(2, '0');
  return { validFrom: `${year}-${mm}-01`, validTo: fromEpochDay(toEpochDay(`${year + 5}-${mm}-01`) - 1) };
}

export function generateOfficers(rng: Rng): DemoOfficer[] {
  const names = new Set<string>();
  const certificates = new Set<string>();
  const uniqueName = (gender: 'male' | 'female'): string => {
    let name = personName(rng, gender);
    while (names.has(name)) name = personName(rng, gender);
    names.add(name);
    return name;
  };
  const officers: DemoOfficer[] = [];
  for (const dept of staffing) {
    for (let i = 0; i < dept.size; i += 1) {
      const gender = rng.chance(dept.code === 'ZHZF' ? 0.15 : 0.35) ? 'female' : 'male';
      let certificateNo = `${DEMO_REGION_CODE}${String(rng.int(0, 99999999)).padStart(8, '0')}`;
      while (certificates.has(certificateNo)) certificateNo = `${DEMO_REGION_CODE}${String(rng.int(0, 99999999)).padStart(8, '0')}`;
      certificates.add(certificateNo);
      const [year, month] = rng.pick(issueBatches);
      const { validFrom, validTo } = certificatePeriod(year, month);
      officers.push({
        certificateNo,
        key: certificateNo,
        name: uniqueName(gender),
        gender,
        departmentCode: dept.code,
        title: dept.titles[i] ?? staffTitle[dept.code],
        certificateType: CERTIFICATE_TYPE,
        validFrom,
        validTo,
        tags: sortTags([...dept.base, ...(dept.rotation[i % dept.rotation.length] ?? [])]),
        category: 'officer',
        status: 'active',
        leaveFrom: null,
        leaveTo: null,
      });
    }
  }

  // Special cases, all taken from the enforcement brigade's rank and file (not its leaders).
  const pool = rng.shuffle(officers.filter((o) => o.departmentCode === 'ZHZF' && o.title === staffTitle.ZHZF));
  const [expiredA, expiredB, notYetValid, suspended, onLeave] = pool;
  if (expiredA) Object.assign(expiredA, certificatePeriod(2018, 7));
  if (expiredB) Object.assign(expiredB, certificatePeriod(2018, 12));
  if (notYetValid) Object.assign(notYetValid, certificatePeriod(2024, 9), { title: '执法队员（新录用）' });
  if (suspended) suspended.status = 'suspended';
  if (onLeave) Object.assign(onLeave, { status: 'on_leave', leaveFrom: '2024-05-06', leaveTo: '2024-08-30' });

  experts.forEach(([departmentCode, title, tags], i) => {
    const gender = rng.chance(0.3) ? 'female' : 'male';
    officers.push({
      certificateNo: null,
      key: `EXP-${String(i + 1).padStart(2, '0')}`,
      name: uniqueName(gender),
      gender,
      departmentCode,
      title,
      certificateType: null,
      validFrom: null,
      validTo: null,
      tags: sortTags(tags),
      category: 'expert',
      status: 'active',
      leaveFrom: null,
      leaveTo: null,
    });
  });
  return officers;
}

export function generateConflicts(rng: Rng, officers: readonly DemoOfficer[], entities: readonly DemoEntity[], count = 6): DemoConflict[] {
  const candidates = officers.filter((o) => o.category === 'officer' && o.status === 'active' && o.certificateNo !== null);
  const firms = entities.filter((e) => e.status === 'active' && e.uscc !== null);
  const chosen = rng.sample(candidates, count);
  const reasons = ['配偶在该企业任职', '近亲属为该企业法定代表人', '本人持有该企业股份', '子女在该企业任职', '与该企业负责人有其他关系，可能影响公正检查'];
  const conflicts: DemoConflict[] = [];
  chosen.forEach((officer, i) => {
    const firm = rng.pick(firms);
    if (officer.certificateNo === null || firm.uscc === null) return;
    if (i === 0) {
      // Left the firm to join the bureau: recused for two years from leaving.
      const left = fromEpochDay(rng.int(toEpochDay('2022-07-01'), toEpochDay('2023-12-31')));
      const anniversary = `${Number(left.slice(0, 4)) + 2}${left.slice(4)}`.replace(/-02-29$/u, '-03-01');
      conflicts.push({
        certificateNo: officer.certificateNo, entityUscc: firm.uscc, reason: '曾在该企业任职未满两年',
        validFrom: left, validTo: fromEpochDay(toEpochDay(anniversary) - 1),
      });
      return;
    }
    conflicts.push({
      certificateNo: officer.certificateNo,
      entityUscc: firm.uscc,
      reason: reasons[(i - 1) % reasons.length] ?? '其他利害关系',
      validFrom: fromEpochDay(rng.int(toEpochDay('2021-01-01'), toEpochDay('2024-03-31'))),
      validTo: null,
    });
  });
  return conflicts;
}
