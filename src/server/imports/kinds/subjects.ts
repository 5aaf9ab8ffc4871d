import { sql } from 'drizzle-orm';
import { checkRegistrationNumber } from '../../../domain/uscc/registration-number.ts';
import { checkUscc } from '../../../domain/uscc/uscc.ts';
import { rowsOf, type Db } from '../../db/database.ts';
import type { ColumnSpec } from '../../tabular/read-table.ts';
import {
  ImportApplyError, type ApplyContext, type ApplySummary, type RowValues, type StagedRows, type ValidationIssue,
} from '../import-kind.ts';

/**
 * 主体类 (market entities) as imported by the entities and registrations kinds: the columns,
 * the row checks (USCC by GB 32100, legacy 注册号) and the set-based upsert into `entities`.
 */

export const entityStatusValues: Readonly<Record<string, string>> = {
  存续: 'active', 在业: 'active', 在营: 'active', 开业: 'active', 正常: 'active', 存续在营: 'active',
  停业: 'suspended', 歇业: 'suspended',
  注销: 'deregistered', 已注销: 'deregistered',
  吊销: 'revoked', '吊销，未注销': 'revoked', 吊销未注销: 'revoked', 已吊销: 'revoked',
  迁出: 'moved_out', 已迁出: 'moved_out',
  关闭: 'closed', 已关闭: 'closed',
};

export const usccHeader = '统一社会信用代码';
export const registrationNumberHeader = '注册号';

export const subjectColumns: readonly ColumnSpec[] = [
  { key: 'uscc', header: usccHeader, aliases: ['社会信用代码', '信用代码', '统一代码'], kind: { type: 'code' } },
  { key: 'registrationNumber', header: registrationNumberHeader, aliases: ['工商注册号', '注册号码'], kind: { type: 'code' } },
  { key: 'name', header: '名称', aliases: ['企业名称', '主体名称', '单位名称', '市场主体名称', '经营者名称'], kind: { type: 'text', maxLength: 200 }, required: true },
  { key: 'legalRepresentative', header: '法定代表人', aliases: ['法定代表人（负责人）', '法人代表', '负责人', '经营者'], kind: { type: 'text', maxLength: 50 } },
  { key: 'address', header: '住所', aliases: ['地址', '住所（经营场所）', '经营场所', '注册地址'], kind: { type: 'text', maxLength: 300 } },
  { key: 'regionCode', header: '行政区划代码', aliases: ['区划代码', '行政区划'], kind: { type: 'code', length: 6 } },
  { key: 'contactName', header: '联系人', kind: { type: 'text', maxLength: 50 } },
  { key: 'contactPhone', header: '联系电话', aliases: ['电话', '联系方式'], kind: { type: 'code' } },
  { key: 'industry', header: '行业类别', aliases: ['行业', '所属行业'], kind: { type: 'text', maxLength: 50 } },
  { key: 'focusAreas', header: '重点领域', kind: { type: 'list' } },
  { key: 'status', header: '状态', aliases: ['登记状态', '经营状态'], kind: { type: 'enum', values: entityStatusValues } },
  { key: 'foundedOn', header: '成立日期', aliases: ['成立时间', '注册日期'], kind: { type: 'date' } },
];

export function checkSubjectHeader(found: readonly ColumnSpec[]): string | null {
  const keys = new Set(found.map((c) => c.key));
  if (keys.has('uscc') || keys.has('registrationNumber')) return null;
  return `缺少“${usccHeader}”列（没有统一社会信用代码的老企业可填“${registrationNumberHeader}”列），请使用下载的导入模板`;
}

const phonePattern = /^[0-9+()\-、,/转]{5,40}$/u;

function shanghaiDate(now: Date): string {
  return new Date(now.getTime() + 8 * 3_600_000).toISOString().slice(0, 10);
}

/** Check a 主体 row; puts the normalised USCC / 注册号 back into `values`. */
export function validateSubjectRow(values: RowValues, now: Date): ValidationIssue[] {
  const issues: ValidationIssue[] = [];
  const error = (column: string, reason: string) => issues.push({ column, reason, severity: 'error' });
  const warning = (column: string, reason: string) => issues.push({ column, reason, severity: 'warning' });

  if (values.uscc) {
    const result = checkUscc(values.uscc);
    if (result.ok) {
      values.uscc = result.uscc;
      for (const w of result.warnings) warning(usccHeader, w.message);
    } else if (result.errors.some((e) => e.code === 'LEGACY_REGISTRATION_NUMBER') && !values.registrationNumber
      && checkRegistrationNumber(result.normalized).ok) {
      // A 15-digit 注册号 typed in the USCC column: keep it as the 注册号, say so.
      values.registrationNumber = result.normalized;
      values.uscc = null;
      warning(usccHeader, '填写的是15位旧版工商注册号，已按“注册号”登记；取得统一社会信用代码后请补充');
    } else {
      error(usccHeader, result.errors.map((e) => e.message).join('；'));
    }
  }
  if (values.registrationNumber) {
    const result = checkRegistrationNumber(values.registrationNumber);
    if (result.ok) values.registrationNumber = result.registrationNumber;
    else error(registrationNumberHeader, result.errors.map((e) => e.message).join('；'));
  }
  if (!values.uscc && !values.registrationNumber && !issues.some((i) => i.severity === 'error')) {
    error(usccHeader, `${usccHeader}和${registrationNumberHeader}至少填写一项`);
  }
  if (values.regionCode && !/^\d{6}$/u.test(values.regionCode)) {
    error('行政区划代码', `行政区划代码应为6位数字（GB/T 2260），实际为“${values.regionCode}”`);
  }
  if (values.contactPhone && !phonePattern.test(values.contactPhone)) {
    warning('联系电话', `联系电话“${values.contactPhone}”格式不像电话号码，请核对`);
  }
  if (values.foundedOn && values.foundedOn > shanghaiDate(now)) {
    error('成立日期', `成立日期 ${values.foundedOn} 晚于今天`);
  }
  return issues;
}

/** USCC, else the 注册号 (spec/draw.md §1: the draw key of a market entity). */
export function subjectKeyOf(values: RowValues): string | null {
  return values.uscc ?? values.registrationNumber ?? null;
}

export function subjectAlternateKeys(values: RowValues): string[] {
  return values.uscc && values.registrationNumber ? [values.registrationNumber] : [];
}

/** The staged rows of a slice as typed columns (a SQL fragment for a CTE). */
function sourceRows(rows: StagedRows) {
  return sql`
    select r.data->>'$key' as key,
      r.data->>'uscc' as uscc,
      r.data->>'registrationNumber' as registration_number,
      r.data->>'name' as name,
      r.data->>'legalRepresentative' as legal_representative,
      r.data->>'address' as address,
      r.data->>'regionCode' as region_code,
      r.data->>'contactName' as contact_name,
      r.data->>'contactPhone' as contact_phone,
      r.data->>'industry' as industry,
      case when r.data->>'focusAreas' is null then null else string_to_array(r.data->>'focusAreas', '、') end as focus_areas,
      r.data->>'status' as status,
      (r.data->>'foundedOn')::date as founded_on
    from import_rows r where ${rows.where('r')}`;
}

export interface SubjectApplyOptions {
  /** Claim new entities for this department (null: inserted unclaimed, for a department to claim later). */
  claimFor: string | null;
}

/**
 * Upsert the slice into `entities`, by key. An empty optional cell keeps what the directory
 * has (an import never erases a value); a row that changes nothing is not touched, so a
 * re-import reports everything unchanged and leaves the table byte-identical.
 */
export async function applySubjects(tx: Db, rows: StagedRows, ctx: ApplyContext, options: SubjectApplyOptions): Promise<ApplySummary> {
  const now = ctx.now.toISOString();
  // The slice, typed, read from the staged jsonb once (a temporary table lives in this transaction).
  await tx.execute(sql`drop table if exists import_subject_src`);
  await tx.execute(sql`create temp table import_subject_src as select s.key as target, s.* from (${sourceRows(rows)}) s`);
  await tx.execute(sql`analyze import_subject_src`);
  const src = sql.raw('import_subject_src');

  // The first load of an empty directory (bulk-load.ts): nothing to clash with, re-key or
  // update — every row present came from this file, whose keys are unique.
  let updated = 0;
  if (!ctx.intoEmptyTable) {
    const clash = rowsOf<{ key: string }>(await tx.execute(sql`
      select s.key from ${src} s join entities e on e.key = s.key where e.kind <> 'subject' limit 5`));
    if (clash.length > 0) {
      throw new ImportApplyError(`以下代码在名录中已登记为非主体类检查对象，不能作为主体导入：${clash.map((c) => c.key).join('、')}`);
    }

    // A legacy firm known by its 注册号 that now has a USCC: re-key it (the update below fills in the USCC).
    await tx.execute(sql`
      update entities e set key = s.uscc
      from ${src} s
      where s.uscc is not null and s.registration_number is not null
        and e.kind = 'subject' and e.uscc is null and e.key = s.registration_number
        and not exists (select 1 from entities x where x.key = s.uscc)`);

    // A row with only the 注册号 of a firm the directory keys by its USCC: it is that firm.
    await tx.execute(sql`
      update ${src} s set target = m.key
      from (
        select registration_number, min(key) as key from entities
        where kind = 'subject' and uscc is not null and registration_number is not null
        group by registration_number
      ) m
      where s.uscc is null and s.registration_number is not null and m.registration_number = s.registration_number`);

    updated = rowsOf<{ n: number }>(await tx.execute(sql`
      with u as (
        update entities e set
          uscc = coalesce(s.uscc, e.uscc),
          registration_number = coalesce(s.registration_number, e.registration_number),
          name = s.name,
          legal_representative = coalesce(s.legal_representative, e.legal_representative),
          address = coalesce(s.address, e.address),
          region_code = coalesce(s.region_code, e.region_code),
          contact_name = coalesce(s.contact_name, e.contact_name),
          contact_phone = coalesce(s.contact_phone, e.contact_phone),
          industry = coalesce(s.industry, e.industry),
          focus_areas = coalesce(s.focus_areas, e.focus_areas),
          status = coalesce(s.status, e.status),
          founded_on = coalesce(s.founded_on, e.founded_on),
          updated_at = ${now}::timestamptz
        from ${src} s
        where e.key = s.target and e.kind = 'subject'
          and (e.uscc, e.registration_number, e.name, e.legal_representative, e.address, e.region_code, e.contact_name,
               e.contact_phone, e.industry, e.focus_areas, e.status, e.founded_on)
            is distinct from
              (coalesce(s.uscc, e.uscc)::char(18), coalesce(s.registration_number, e.registration_number), s.name,
               coalesce(s.legal_representative, e.legal_representative), coalesce(s.address, e.address),
               coalesce(s.region_code, e.region_code)::char(6), coalesce(s.contact_name, e.contact_name),
               coalesce(s.contact_phone, e.contact_phone), coalesce(s.industry, e.industry),
               coalesce(s.focus_areas, e.focus_areas), coalesce(s.status, e.status), coalesce(s.founded_on, e.founded_on))
        returning 1
      )
      select count(*)::int as n from u`))[0]?.n ?? 0;
  }

  const claimedAt = options.claimFor === null ? null : now;
  const inserted = rowsOf<{ n: number }>(await tx.execute(sql`
    with i as (
      insert into entities (kind, key, uscc, registration_number, name, legal_representative, address, region_code,
        contact_name, contact_phone, industry, focus_areas, status, founded_on, claimed_by_department_id, claimed_at,
        created_at, updated_at)
      select 'subject', s.target, s.uscc, s.registration_number, s.name, s.legal_representative, s.address, s.region_code,
        s.contact_name, s.contact_phone, s.industry, coalesce(s.focus_areas, '{}'::text[]), coalesce(s.status, 'active'),
        s.founded_on, ${options.claimFor}::uuid, ${claimedAt}::timestamptz, ${now}::timestamptz, ${now}::timestamptz
      from ${src} s
      where ${ctx.intoEmptyTable ? sql`true` : sql`not exists (select 1 from entities e where e.key = s.target)`}
      returning 1
    )
    select count(*)::int as n from i`))[0]?.n ?? 0;

  const total = rowsOf<{ n: number }>(await tx.execute(sql`select count(*)::int as n from ${src}`))[0]?.n ?? 0;
  await tx.execute(sql`drop table import_subject_src`);
  return { inserted, updated, unchanged: total - inserted - updated };
}
