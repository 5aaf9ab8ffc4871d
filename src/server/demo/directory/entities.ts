/**
 * 主体类 entities of the demo directory: transport firms registered in the county, with
 * valid USCCs (makeUscc), monthly credit-risk snapshots and a few legacy 注册号-only firms.
 */
import { daysInMonth, formatIsoDate, fromEpochDay, toEpochDay, type IsoDate } from '../../../domain/calendar/civil-date.ts';
import type { RiskClass, RiskSnapshot } from '../../../domain/directory/risk-class.ts';
import type { EntityStatus } from '../../../domain/task/candidate-pool.ts';
import { computeRegistrationCheckDigit } from '../../../domain/uscc/registration-number.ts';
import { makeUscc, USCC_CHARSET } from '../../../domain/uscc/uscc.ts';
import { address, brands, DEMO_COUNTY, DEMO_REGION_CODE, landline, personName, towns } from './pools.ts';
import type { Rng } from './prng.ts';
import { demoFocusAreas, type DemoEntity, type DemoFocusArea, type DemoIndustry } from './types.ts';

type EntityKind = DemoEntity['entityKind'];

interface Suffix {
  text: string;
  kind: EntityKind;
  weight: number;
}

interface IndustrySpec {
  industry: DemoIndustry;
  /** Share of the generated entities; fixed specs have a count instead. */
  weight: number;
  fixedCount?: number;
  suffixes: readonly Suffix[];
  focus: readonly (readonly [DemoFocusArea, number])[];
}

const ent = (text: string, weight = 1): Suffix => ({ text, kind: 'enterprise', weight });
const ind = (text: string, weight = 1): Suffix => ({ text, kind: 'individual', weight });

const industrySpecs: readonly IndustrySpec[] = [
  {
    industry: '道路货运', weight: 40,
    suffixes: [
      ent('物流有限公司', 3), ent('运输有限公司', 3), ent('货物运输有限公司'), ent('汽车运输有限公司'), ent('物流运输有限公司'),
      ind('运输服务部', 1.2), ind('货运部', 0.5), { text: '农机运输专业合作社', kind: 'cooperative', weight: 0.08 },
    ],
    focus: [['安全生产', 0.6], ['超限超载', 0.35], ['动态监控', 0.3], ['节假日运输', 0.1]],
  },
  {
    industry: '道路客运', weight: 8,
    suffixes: [ent('客运有限公司', 2), ent('旅游客运有限公司', 2), ent('汽车客运有限公司'), ent('旅游汽车服务有限公司')],
    focus: [['安全生产', 1], ['两客一危', 1], ['农村客运', 0.4], ['旅游包车', 0.4], ['节假日运输', 0.8], ['动态监控', 0.8], ['校车', 0.15]],
  },
  {
    industry: '驾驶员培训', weight: 6,
    suffixes: [ent('机动车驾驶员培训学校有限公司', 2), ent('驾驶员培训有限公司'), ent('驾校有限公司')],
    focus: [['收费公示', 0.7], ['安全生产', 0.5], ['消防安全', 0.3]],
  },
  {
    industry: '机动车维修', weight: 25,
    suffixes: [
      ent('机动车维修有限公司', 2), ent('汽车修理厂'), ent('汽车维修服务有限公司'), ent('汽车销售服务有限公司', 0.6),
      ind('汽车修理部', 2), ind('汽车快修店'), ind('轮胎修理部', 0.7), ind('摩托车修理部', 0.3),
    ],
    focus: [['机动车排放', 0.3], ['消防安全', 0.4], ['收费公示', 0.5], ['安全生产', 0.3]],
  },
  {
    industry: '危险货物运输', weight: 8,
    suffixes: [ent('危险货物运输有限公司', 2), ent('化工物流有限公司'), ent('燃气运输有限公司'), ent('液化气运输有限公司', 0.5)],
    focus: [['安全生产', 1], ['两客一危', 1], ['危险货物', 1], ['动态监控', 0.8], ['消防安全', 0.4]],
  },
  {
    industry: '出租汽车', weight: 7,
    suffixes: [ent('出租汽车有限公司', 2), ent('出租车服务有限公司')],
    focus: [['安全生产', 0.5], ['节假日运输', 0.5], ['收费公示', 0.3]],
  },
  {
    industry: '城市公交', weight: 0, fixedCount: 1,
    suffixes: [ent('公共交通有限公司')],
    focus: [['安全生产', 1], ['节假日运输', 1], ['农村客运', 1]],
  },
  {
    industry: '水路运输', weight: 0, fixedCount: 3,
    suffixes: [ent('水上旅游客运有限公司'), ent('游船有限公司')],
    focus: [['安全生产', 1], ['节假日运输', 0.8], ['消防安全', 0.5]],
  },
];

const WINDOW_FIRST = '2023-07-01';
const WINDOW_LAST = '2024-06-01';

/** First days of the months from `from` to `to` (both 'YYYY-MM-01'). */
export function monthStarts(from: IsoDate, to: IsoDate): IsoDate[] {
  const out: IsoDate[] = [];
  let year = Number(from.slice(0, 4));
  let month = Number(from.slice(5, 7));
  for (;;) {
    const date = formatIsoDate({ year, month, day: 1 });
    if (date > to) return out;
    out.push(date);
    month += 1;
    if (month > 12) { month = 1; year += 1; }
  }
}

const RISK_MONTHS = monthStarts(WINDOW_FIRST, WINDOW_LAST);
const CLASS_ORDER: readonly RiskClass[] = ['A', 'B', 'C', 'D'];
const INITIAL_CLASS: readonly (readonly [RiskClass, number])[] = [['A', 20], ['B', 58], ['C', 14], ['D', 5], ['U', 2]];

function randomDate(rng: Rng, from: IsoDate, to: IsoDate): IsoDate {
  return fromEpochDay(rng.int(toEpochDay(from), toEpochDay(to)));
}

function foundingDate(rng: Rng): IsoDate {
  const year = rng.weighted<number>([
    [1998, 1], [2002, 2], [2006, 3], [2010, 4], [2013, 4], [2016, 6], [2018, 7], [2020, 7], [2022, 6], [2023, 4], [2024, 1],
  ]);
  const span = year < 2016 ? 3 : year === 2024 ? 0 : 1;
  const y = rng.int(year, year + span);
  const lastMonth = y === 2024 ? 4 : 12;
  const month = rng.int(1, lastMonth);
  return formatIsoDate({ year: y, month, day: rng.int(1, daysInMonth(y, month)) });
}

/** Monthly snapshots; months before the firm existed are left out. */
export function riskPath(rng: Rng, foundedOn: IsoDate): RiskSnapshot[] {
  const months = RISK_MONTHS.filter((m) => m > foundedOn);
  const newFirm = foundedOn >= WINDOW_FIRST;
  let current: RiskClass = newFirm ? 'U' : rng.weighted(INITIAL_CLASS);
  let unclassifiedMonths = 0;
  return months.map((effectiveFrom, index) => {
    if (index > 0) {
      if (current === 'U') {
        unclassifiedMonths += 1;
        if (unclassifiedMonths >= 2 && rng.chance(newFirm ? 0.35 : 0.1)) current = rng.weighted([['A', 1], ['B', 5], ['C', 1]]);
      } else if (rng.chance(0.015)) {
        // Occasional drift to a neighbouring class, slightly towards B (regression to the mean).
        const at = CLASS_ORDER.indexOf(current);
        const up = at === 0 ? false : at === CLASS_ORDER.length - 1 ? true : rng.chance(current === 'B' ? 0.5 : 0.65);
        current = CLASS_ORDER[at + (up ? -1 : 1)] ?? current;
      }
    }
    return { effectiveFrom, riskClass: current };
  });
}

function pickFocus(rng: Rng, spec: IndustrySpec): DemoFocusArea[] {
  const chosen = new Set(spec.focus.filter(([, p]) => rng.chance(p)).map(([area]) => area));
  return demoFocusAreas.filter((area) => chosen.has(area));
}

function statusOf(rng: Rng, foundedOn: IsoDate): { status: EntityStatus; statusSince: IsoDate | null } {
  const status = rng.weighted<EntityStatus>([
    ['active', 93], ['suspended', 2], ['deregistered', 2.5], ['revoked', 1.5], ['moved_out', 1],
  ]);
  if (status === 'active') return { status, statusSince: null };
  const from = foundedOn > '2022-01-01' ? foundedOn : '2022-01-01';
  return { status, statusSince: randomDate(rng, from, '2024-05-31') };
}

/** Counts per industry: fixed ones first, the rest by weight, rounding leftovers to 道路货运. */
export function industryCounts(count: number): Map<DemoIndustry, number> {
  const counts = new Map<DemoIndustry, number>();
  const fixed = industrySpecs.filter((s) => s.fixedCount !== undefined);
  let rest = count;
  for (const spec of fixed) {
    const n = count >= 40 ? Math.min(rest, spec.fixedCount ?? 0) : 0;
    counts.set(spec.industry, n);
    rest -= n;
  }
  const weighted = industrySpecs.filter((s) => s.fixedCount === undefined);
  const total = weighted.reduce((sum, s) => sum + s.weight, 0);
  let assigned = 0;
  for (const spec of weighted) {
    const n = Math.floor((rest * spec.weight) / total);
    counts.set(spec.industry, n);
    assigned += n;
  }
  counts.set('道路货运', (counts.get('道路货运') ?? 0) + rest - assigned);
  return counts;
}

class UniqueNames {
  private readonly used = new Set<string>();

  take(rng: Rng, make: (attempt: number) => string): string {
    for (let attempt = 0; attempt < 200; attempt += 1) {
      const name = make(attempt);
      if (!this.used.has(name)) {
        this.used.add(name);
        return name;
      }
    }
    throw new Error('无法生成不重复的企业名称');
  }
}

function entityName(rng: Rng, suffix: Suffix, industry: DemoIndustry, town: string, attempt: number): string {
  const brand = attempt < 60 ? rng.pick(brands) : `${rng.pick(brands)}${rng.pick(brands)}`;
  if (industry === '城市公交') return `${DEMO_COUNTY}${suffix.text}`;
  if (suffix.kind === 'enterprise') return attempt < 30 ? `${DEMO_COUNTY}${brand}${suffix.text}` : `${DEMO_COUNTY}${town}${brand}${suffix.text}`;
  return `${DEMO_COUNTY}${town}${brand}${suffix.text}`;
}

function usccSubject(rng: Rng, foundedOn: IsoDate, kind: EntityKind): string {
  if (kind === 'enterprise' && foundedOn < '2015-10-01') {
    return `${rng.pick(['0', '3', '5', '6', '7'])}${String(rng.int(0, 9999999)).padStart(7, '0')}`;
  }
  let tail = '';
  for (let i = 0; i < 5; i += 1) tail += USCC_CHARSET.charAt(rng.int(0, USCC_CHARSET.length - 1));
  return `MA0${tail}`;
}

const ENTITY_TYPE_CODE: Record<EntityKind, string> = { enterprise: '1', individual: '2', cooperative: '3' };

export function generateEntities(rng: Rng, count: number, legacyCount: number): DemoEntity[] {
  const counts = industryCounts(count);
  const slots = rng.shuffle(industrySpecs.flatMap((spec) => Array.from({ length: counts.get(spec.industry) ?? 0 }, () => spec)));
  const names = new UniqueNames();
  const subjects = new Set<string>();
  const entities: DemoEntity[] = [];

  for (const spec of slots) {
    const suffix = rng.weighted(spec.suffixes.map((s) => [s, s.weight] as const));
    const town = rng.weighted(towns.map((t, i) => [t, i === 0 ? 6 : 1] as const));
    const name = names.take(rng, (attempt) => entityName(rng, suffix, spec.industry, town, attempt));
    const foundedOn = foundingDate(rng);
    let subject = usccSubject(rng, foundedOn, suffix.kind);
    while (subjects.has(subject)) subject = usccSubject(rng, foundedOn, suffix.kind);
    subjects.add(subject);
    const uscc = makeUscc({ entityType: ENTITY_TYPE_CODE[suffix.kind], regionCode: DEMO_REGION_CODE, subject });
    const legalRepresentative = personName(rng);
    const { status, statusSince } = statusOf(rng, foundedOn);
    entities.push({
      key: uscc,
      uscc,
      registrationNumber: null,
      name,
      entityKind: suffix.kind,
      legalRepresentative,
      address: address(rng, town),
      regionCode: DEMO_REGION_CODE,
      contactName: suffix.kind === 'individual' || rng.chance(0.3) ? legalRepresentative : personName(rng),
      contactPhone: landline(rng),
      industry: spec.industry,
      focusAreas: pickFocus(rng, spec),
      status,
      statusSince,
      foundedOn,
      riskSnapshots: riskPath(rng, foundedOn),
    });
  }

  const legacyPatterns: readonly (readonly [DemoIndustry, string, EntityStatus])[] = [
    ['道路货运', '汽车运输公司', 'revoked'],
    ['机动车维修', '汽车修理厂', 'revoked'],
    ['道路货运', '货运站', 'deregistered'],
    ['道路客运', '客运服务社', 'suspended'],
    ['机动车维修', '汽车修配厂', 'revoked'],
  ];
  const registrationNumbers = new Set<string>();
  for (let i = 0; i < legacyCount; i += 1) {
    const pattern = legacyPatterns[i % legacyPatterns.length];
    if (pattern === undefined) break;
    const [industry, suffixText, status] = pattern;
    const spec = industrySpecs.find((s) => s.industry === industry);
    const town = rng.pick(towns);
    const name = names.take(rng, (attempt) => (attempt < 30 ? `${DEMO_COUNTY}${rng.pick(brands)}${suffixText}` : `${DEMO_COUNTY}${town}${rng.pick(brands)}${suffixText}`));
    let first14 = `${DEMO_REGION_CODE}0000${String(rng.int(1000, 9999))}`;
    while (registrationNumbers.has(first14)) first14 = `${DEMO_REGION_CODE}0000${String(rng.int(1000, 9999))}`;
    registrationNumbers.add(first14);
    const registrationNumber = `${first14}${computeRegistrationCheckDigit(first14)}`;
    const foundedOn = randomDate(rng, '1993-01-01', '2008-12-31');
    const legalRepresentative = personName(rng);
    entities.push({
      key: registrationNumber,
      uscc: null,
      registrationNumber,
      name,
      entityKind: 'enterprise',
      legalRepresentative,
      address: address(rng, town),
      regionCode: DEMO_REGION_CODE,
      contactName: legalRepresentative,
      contactPhone: landline(rng),
      industry,
      focusAreas: spec ? pickFocus(rng, spec) : [],
      status,
      statusSince: randomDate(rng, '2009-01-01', '2014-12-31'),
      foundedOn,
      riskSnapshots: RISK_MONTHS.map((effectiveFrom) => ({ effectiveFrom, riskClass: 'U' as const })),
    });
  }
  return entities;
}
