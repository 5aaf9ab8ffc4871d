/**
 * Synthetic directory rows made in SQL (generate_series), for the EXPLAIN test and the
 * search benchmark: realistic skew on every filtered column, so the planner faces the
 * choices it faces in a county's or a province's directory.
 *
 *  kind: 1 in 10 an object (vehicle / road project);  industry: 11 values;
 *  risk class: D 5 %, C 10 %, B 50 %, A 25 %, U 10 %;  status: 4 % deregistered, 1 % revoked;
 *  region: 30 codes;  focus areas: 7 patterns (a third empty);  tags: 1 % 重点监管;
 *  claimed: 2 % not yet (new registrations), the rest by one of two departments;
 *  names: 500 leading characters × suffixes, so a two-character prefix selects ~0.2 %.
 */
export const syntheticIndustries = [
  '道路货运', '道路客运', '驾驶员培训', '机动车维修', '危险货物运输', '出租汽车', '城市公交', '水路运输', '公路建设', '涉路施工', '工程试验检测',
] as const;

const uuidPattern = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

/** INSERT … SELECT of rows `from`..`to` (inclusive); the two departments own the claimed rows. */
export function syntheticEntitiesSql(from: number, to: number, departmentA: string, departmentB: string): string {
  if (!uuidPattern.test(departmentA) || !uuidPattern.test(departmentB)) throw new Error('department ids must be uuids');
  if (!Number.isSafeInteger(from) || !Number.isSafeInteger(to)) throw new Error('bounds must be integers');
  const industries = `ARRAY[${syntheticIndustries.map((i) => `'${i}'`).join(',')}]`;
  return `insert into entities (kind, key, uscc, object_kind, name, region_code, industry, focus_areas, tags, status, risk_class,
    owner_key, claimed_by_department_id, claimed_at)
  select
    case when i % 10 = 0 then 'object' else 'subject' end,
    case when i % 10 = 0 then 'OBJ' || lpad(i::text, 12, '0') else '9113' || lpad(i::text, 14, '0') end,
    case when i % 10 = 0 then null else '9113' || lpad(i::text, 14, '0') end,
    case when i % 20 = 0 then 'road_project' when i % 10 = 0 then 'vehicle' end,
    chr(19968 + ((i::bigint * 7919) % 500)::int) || chr(19968 + ((i::bigint * 104729) % 2000)::int) || (array['物流有限公司','运输有限公司','汽车修理厂','客运有限公司','驾驶员培训学校'])[1 + i % 5] || i,
    '1302' || lpad((i % 30)::text, 2, '0'),
    (${industries})[1 + (i / 7) % 11],
    case i % 7 when 1 then array['安全生产'] when 2 then array['安全生产','超限超载'] when 3 then array['两客一危','危险货物']
      when 5 then array['消防安全'] when 6 then array['节假日运输','安全生产'] else array[]::text[] end,
    case when i % 100 = 3 then array['重点监管'] else array[]::text[] end,
    case when i % 25 = 1 then 'deregistered' when i % 100 = 2 then 'revoked' else 'active' end,
    (array['D','C','C','B','B','B','B','B','B','B','B','B','B','A','A','A','A','A','U','U'])[1 + (i / 3) % 20],
    case when i % 10 = 0 then '9113' || lpad((i + 1)::text, 14, '0') end,
    case when i % 50 = 7 then null when i % 2 = 0 then '${departmentA}'::uuid else '${departmentB}'::uuid end,
    case when i % 50 = 7 then null else now() end
  from generate_series(${from}, ${to}) as i`;
}
