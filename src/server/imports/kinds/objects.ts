import { sql } from 'drizzle-orm';
import { checkUscc } from '../../../domain/uscc/uscc.ts';
import { rowsOf } from '../../db/database.ts';
import type { ColumnSpec } from '../../tabular/read-table.ts';
import { ImportApplyError, type ImportKind, type ValidationIssue } from '../import-kind.ts';

/**
 * 检查对象名录（非主体类）: vehicles, road projects, stations … keyed by their directory
 * code. Columns beyond the named ones (车辆类型, 合同金额 …) are kept as attributes.
 */

export const objectKindValues: Readonly<Record<string, string>> = {
  车辆: 'vehicle', 营运车辆: 'vehicle', 道路运输车辆: 'vehicle',
  公路工程项目: 'road_project', 工程项目: 'road_project', 公路建设项目: 'road_project', 涉路施工项目: 'road_project', 涉路工程: 'road_project',
  客运站: 'station', 汽车客运站: 'station', 站场: 'station', 客运站场: 'station',
};

const ownerHeader = '所属主体统一社会信用代码';

const columns: readonly ColumnSpec[] = [
  { key: 'code', header: '对象编码', aliases: ['对象代码', '编码', '车牌号码', '车牌号', '项目编码', '站场编码'], kind: { type: 'code' }, required: true },
  { key: 'objectKind', header: '对象类别', aliases: ['对象类型', '类别'], kind: { type: 'enum', values: objectKindValues }, required: true },
  { key: 'name', header: '名称', aliases: ['对象名称'], kind: { type: 'text', maxLength: 200 }, required: true },
  { key: 'ownerUscc', header: ownerHeader, aliases: ['所属企业统一社会信用代码', '经营者统一社会信用代码', '所属主体信用代码'], kind: { type: 'code' } },
  { key: 'industry', header: '行业类别', aliases: ['行业', '所属行业'], kind: { type: 'text', maxLength: 50 } },
  { key: 'regionCode', header: '行政区划代码', aliases: ['区划代码', '行政区划'], kind: { type: 'code', length: 6 } },
];

function validate(values: Record<string, string | null>): ValidationIssue[] {
  const issues: ValidationIssue[] = [];
  if (values.code && ([...values.code].length > 64 || /[,;，；、]/u.test(values.code))) {
    issues.push({ column: '对象编码', reason: '对象编码应为一个代码（最多64个字符，不含逗号、顿号等分隔符）', severity: 'error' });
  }
  if (values.ownerUscc) {
    const result = checkUscc(values.ownerUscc);
    if (result.ok) {
      values.ownerUscc = result.uscc;
      for (const w of result.warnings) issues.push({ column: ownerHeader, reason: w.message, severity: 'warning' });
    } else {
      issues.push({ column: ownerHeader, reason: result.errors.map((e) => e.message).join('；'), severity: 'error' });
    }
  }
  if (values.regionCode && !/^\d{6}$/u.test(values.regionCode)) {
    issues.push({ column: '行政区划代码', reason: `行政区划代码应为6位数字（GB/T 2260），实际为“${values.regionCode}”`, severity: 'error' });
  }
  return issues;
}

export const objectsImport: ImportKind = {
  kind: 'objects',
  label: '检查对象（非主体类）',
  sheetName: '检查对象名录（非主体类）',
  columns,
  keepOtherColumns: true,
  validateRow: (values) => validate(values),
  keyOf: (values) => values.code ?? null,
  async apply(tx, rows, ctx) {
    const now = ctx.now.toISOString();
    const src = sql`
      select r.data->>'$key' as key, r.data->>'objectKind' as object_kind, r.data->>'name' as name,
        r.data->>'ownerUscc' as owner_key, r.data->>'industry' as industry, r.data->>'regionCode' as region_code,
        coalesce((r.data->>'$other')::jsonb, '{}'::jsonb) as attributes
      from import_rows r where ${rows.where('r')}`;
    const clash = rowsOf<{ key: string }>(await tx.execute(sql`
      with s as (${src}) select s.key from s join entities e on e.key = s.key where e.kind <> 'object' limit 5`));
    if (clash.length > 0) {
      throw new ImportApplyError(`以下对象编码在名录中已登记为主体，不能作为非主体类对象导入：${clash.map((c) => c.key).join('、')}`);
    }
    const updated = rowsOf<{ n: number }>(await tx.execute(sql`
      with s as (${src}),
      u as (
        update entities e set
          object_kind = s.object_kind, name = s.name,
          owner_key = coalesce(s.owner_key, e.owner_key),
          industry = coalesce(s.industry, e.industry),
          region_code = coalesce(s.region_code, e.region_code),
          attributes = e.attributes || s.attributes,
          updated_at = ${now}::timestamptz
        from s
        where e.key = s.key and e.kind = 'object'
          and (e.object_kind, e.name, e.owner_key, e.industry, e.region_code, e.attributes)
            is distinct from
              (s.object_kind, s.name, coalesce(s.owner_key, e.owner_key), coalesce(s.industry, e.industry),
               coalesce(s.region_code, e.region_code)::char(6), e.attributes || s.attributes)
        returning 1
      )
      select count(*)::int as n from u`))[0]?.n ?? 0;
    const inserted = rowsOf<{ n: number }>(await tx.execute(sql`
      with s as (${src}),
      i as (
        insert into entities (kind, key, object_kind, name, owner_key, industry, region_code, attributes,
          claimed_by_department_id, claimed_at, created_at, updated_at)
        select 'object', s.key, s.object_kind, s.name, s.owner_key, s.industry, s.region_code, s.attributes,
          ${ctx.departmentId}::uuid, ${ctx.departmentId === null ? null : now}::timestamptz, ${now}::timestamptz, ${now}::timestamptz
        from s where not exists (select 1 from entities e where e.key = s.key)
        returning 1
      )
      select count(*)::int as n from i`))[0]?.n ?? 0;
    const total = rowsOf<{ n: number }>(await tx.execute(sql`select count(*)::int as n from import_rows r where ${rows.where('r')}`))[0]?.n ?? 0;
    return { inserted, updated, unchanged: total - inserted - updated };
  },
};
