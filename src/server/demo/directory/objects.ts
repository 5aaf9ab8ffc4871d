/**
 * 非主体类 objects of the demo directory: vehicles (owned by directory entities), road
 * construction and road-works projects, and passenger stations.
 */
import { fromEpochDay, toEpochDay } from '../../../domain/calendar/civil-date.ts';
import { brands, DEMO_COUNTY, DEMO_REGION_CODE, towns } from './pools.ts';
import type { Rng } from './prng.ts';
import type { DemoEntity, DemoIndustry, DemoObject } from './types.ts';

const PLATE_LETTERS = 'ABCDEFGHJKLMNPQRSTUVWXYZ';

function digits(rng: Rng, n: number): string {
  return String(rng.int(0, 10 ** n - 1)).padStart(n, '0');
}

type PlateStyle = 'letter4' | 'digits5' | 'trailer' | 'training' | 'nevSmall' | 'nevLarge';

function plate(rng: Rng, style: PlateStyle): string {
  switch (style) {
    case 'letter4': return `冀B${PLATE_LETTERS.charAt(rng.int(0, PLATE_LETTERS.length - 1))}${digits(rng, 4)}`;
    case 'digits5': return `冀B${digits(rng, 5)}`;
    case 'trailer': return `冀B${digits(rng, 4)}挂`;
    case 'training': return `冀B${digits(rng, 4)}学`;
    case 'nevSmall': return `冀BD${digits(rng, 5)}`;
    case 'nevLarge': return `冀B${digits(rng, 5)}D`;
  }
}

interface VehicleType {
  type: string;
  use: string;
  /** Attribute name and range of its value. */
  capacity: readonly [label: '核定载客' | '核定载质量' | '准牵引总质量', min: number, max: number];
  plates: readonly PlateStyle[];
  weight: number;
}

const vt = (type: string, use: string, capacity: VehicleType['capacity'], plates: readonly PlateStyle[], weight = 1): VehicleType =>
  ({ type, use, capacity, plates, weight });

const vehicleFleet: readonly (readonly [DemoIndustry, number, readonly VehicleType[]])[] = [
  ['道路货运', 22, [
    vt('重型半挂牵引车', '货运', ['准牵引总质量', 38000, 40000], ['letter4'], 3),
    vt('重型厢式货车', '货运', ['核定载质量', 12000, 18000], ['letter4', 'digits5'], 2),
    vt('重型自卸货车', '货运', ['核定载质量', 14000, 20000], ['letter4'], 1),
    vt('中型普通货车', '货运', ['核定载质量', 4500, 8000], ['digits5'], 1),
  ]],
  ['危险货物运输', 10, [
    vt('重型半挂牵引车', '危化品运输', ['准牵引总质量', 38000, 40000], ['letter4'], 2),
    vt('重型罐式半挂车', '危化品运输', ['核定载质量', 28000, 33000], ['trailer'], 2),
    vt('中型厢式货车', '危化品运输', ['核定载质量', 3000, 6000], ['letter4'], 1),
  ]],
  ['道路客运', 10, [
    vt('大型普通客车', '公路客运', ['核定载客', 39, 55], ['letter4', 'digits5'], 2),
    vt('中型普通客车', '公路客运', ['核定载客', 19, 31], ['letter4', 'digits5'], 2),
    vt('大型普通客车', '旅游客运', ['核定载客', 45, 55], ['letter4'], 1),
  ]],
  ['出租汽车', 8, [
    vt('小型轿车', '出租客运', ['核定载客', 5, 5], ['nevSmall', 'letter4'], 1),
  ]],
  ['驾驶员培训', 6, [
    vt('小型轿车', '教练', ['核定载客', 5, 5], ['training'], 4),
    vt('重型半挂牵引车', '教练', ['准牵引总质量', 38000, 40000], ['training'], 1),
  ]],
  ['城市公交', 4, [
    vt('大型普通客车', '公交客运', ['核定载客', 60, 80], ['nevLarge'], 1),
  ]],
];

function generateVehicles(rng: Rng, entities: readonly DemoEntity[], used: Set<string>): DemoObject[] {
  const vehicles: DemoObject[] = [];
  for (const [industry, count, types] of vehicleFleet) {
    const owners = entities.filter((e) => e.industry === industry && e.status === 'active' && e.uscc !== null);
    if (owners.length === 0) continue;
    for (let i = 0; i < count; i += 1) {
      const type = rng.weighted(types.map((t) => [t, t.weight] as const));
      const owner = rng.pick(owners);
      const style = rng.pick(type.plates);
      let code = plate(rng, style);
      while (used.has(code)) code = plate(rng, style);
      used.add(code);
      const [label, min, max] = type.capacity;
      const capacity = label === '核定载客' ? `${rng.int(min, max)}人` : `${Math.round(rng.int(min, max) / 10) * 10}kg`;
      vehicles.push({
        kind: 'vehicle',
        code,
        name: `${code}（${type.type}）`,
        industry,
        regionCode: DEMO_REGION_CODE,
        ownerUscc: owner.uscc,
        attributes: {
          车辆类型: type.type,
          使用性质: type.use,
          [label]: capacity,
          所属企业: owner.name,
          所属企业统一社会信用代码: owner.uscc ?? '',
          道路运输证号: `${DEMO_REGION_CODE}${digits(rng, 6)}`,
        },
      });
    }
  }
  return vehicles;
}

const buildWorks = ['改建工程', '大中修工程', '路面改造工程', '安全生命防护工程', '灾毁恢复重建工程'];
const builderSuffixes = ['路桥工程有限公司', '公路工程有限公司', '交通建设工程有限公司'];
const clients = ['示例县交通运输局', '示例县农村公路建设服务中心', '示例县交通建设投资有限公司'];

function yuanWan(rng: Rng, min: number, max: number): string {
  return `${(rng.int(min * 100, max * 100) / 100).toFixed(2)}万元`;
}

function period(rng: Rng): string {
  const start = rng.int(toEpochDay('2023-09-01'), toEpochDay('2024-05-31'));
  return `${fromEpochDay(start)}至${fromEpochDay(start + rng.int(90, 420))}`;
}

function generateProjects(rng: Rng, constructionCount: number, worksCount: number): DemoObject[] {
  const projects: DemoObject[] = [];
  const otherTowns = towns.slice(1);
  for (let i = 1; i <= constructionCount; i += 1) {
    const [a, b] = rng.sample(otherTowns, 2);
    const route = `X4${String(rng.int(1, 30)).padStart(2, '0')}`;
    const template = rng.int(0, 2);
    const name = template === 0
      ? `${DEMO_COUNTY}${route}${(a ?? '').slice(0, -1)}至${(b ?? '').slice(0, -1)}段${rng.pick(buildWorks)}`
      : template === 1
        ? `${DEMO_COUNTY}2024年农村公路提档升级工程（第${i}标段）`
        : `${DEMO_COUNTY}${route}${rng.pick(['北河', '龙井', '南山', '石门', '清河'])}大桥危桥改造工程`;
    const code = `GL-2024-${String(i).padStart(3, '0')}`;
    projects.push({
      kind: 'road_project',
      code,
      name,
      industry: '公路建设',
      regionCode: DEMO_REGION_CODE,
      ownerUscc: null,
      attributes: {
        项目类别: '公路建设',
        项目名称: name,
        建设单位: rng.pick(clients),
        施工单位: `${rng.pick(['河北', '唐山市', DEMO_COUNTY])}${rng.pick(brands)}${rng.pick(builderSuffixes)}`,
        监理单位: `${rng.pick(brands)}工程监理咨询有限公司`,
        合同金额: yuanWan(rng, 180, 9800),
        计划工期: period(rng),
      },
    });
  }
  const works = [
    ['燃气有限公司', '中压天然气管道穿越'], ['供热有限公司', '供热管道穿越'], ['新能源有限公司', '10kV集电线路跨越'],
    ['通信工程有限公司', '通信光缆利用公路桥梁敷设于'], ['石油销售有限公司', '加油站出入口平面交叉道口接入'],
  ] as const;
  for (let i = 1; i <= worksCount; i += 1) {
    const [ownerSuffix, what] = rng.pick(works);
    const route = `X4${String(rng.int(1, 30)).padStart(2, '0')}`;
    const name = `${what}${route}线K${rng.int(1, 48)}+${digits(rng, 3)}处工程`;
    projects.push({
      kind: 'road_project',
      code: `SL-2024-${String(i).padStart(3, '0')}`,
      name,
      industry: '涉路施工',
      regionCode: DEMO_REGION_CODE,
      ownerUscc: null,
      attributes: {
        项目类别: '涉路施工',
        项目名称: name,
        建设单位: `${DEMO_COUNTY}${rng.pick(brands)}${ownerSuffix}`,
        施工单位: `${rng.pick(['唐山市', DEMO_COUNTY])}${rng.pick(brands)}建设工程有限公司`,
        合同金额: yuanWan(rng, 20, 600),
        计划工期: period(rng),
      },
    });
  }
  return projects;
}

const stationSpecs = [
  ['示例县汽车客运站', '二级站', '兴城镇', 8000, 12],
  ['示例县旅游集散中心客运站', '三级站', '兴城镇', 2500, 6],
  ['三屯营汽车客运站', '五级站', '三屯营镇', 400, 2],
  ['洒河桥汽车客运站', '五级站', '洒河桥镇', 500, 2],
] as const;

function generateStations(rng: Rng, entities: readonly DemoEntity[]): DemoObject[] {
  const operators = entities.filter((e) => e.industry === '道路客运' && e.status === 'active' && e.uscc !== null);
  return stationSpecs.map(([name, level, town, capacity, bays], i) => {
    const operator = operators.length > 0 ? rng.pick(operators) : null;
    return {
      kind: 'station',
      code: `KYZ-${String(i + 1).padStart(3, '0')}`,
      name,
      industry: '道路客运',
      regionCode: DEMO_REGION_CODE,
      ownerUscc: operator?.uscc ?? null,
      attributes: {
        站级: level,
        所在乡镇: town,
        设计日发送能力: `${capacity}人次`,
        发车位: `${bays}个`,
        经营者: operator?.name ?? '',
      },
    };
  });
}

export function generateObjects(rng: Rng, entities: readonly DemoEntity[]): DemoObject[] {
  return [
    ...generateVehicles(rng, entities, new Set()),
    ...generateProjects(rng, 11, 4),
    ...generateStations(rng, entities),
  ];
}
