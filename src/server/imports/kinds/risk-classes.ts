import { sql } from 'drizzle-orm';
import { checkRegistrationNumber } from '../../../domain/uscc/registration-number.ts';
import { checkUscc } from '../../../domain/uscc/uscc.ts';
import { rowsOf } from '../../db/database.ts';
import { excelSerialToIsoDate, toHalfWidth } from '../../tabular/cells.ts';
import type { ColumnSpec } from '../../tabular/read-table.ts';
import { ImportApplyError, type ImportKind, type ValidationIssue } from '../import-kind.ts';
import { rejectStagedRows } from '../import-staging.ts';

/**
 * 企业信用风险分类结果 (monthly, from market regulation): one snapshot per firm and month,
 * effective the first of that month; entities.risk_class follows the latest snapshot.
 */

export const riskClassValues: Readonly<Record<string, string>> = {
  A: 'A', A类: 'A', 低: 'A', 信用风险低: 'A', 'A类（信用风险低）': 'A',
  B: 'B', B类: 'B', 一般: 'B', 信用风险一般: 'B', 'B类（信用风险一般）': 'B',
  C: 'C', C类: 'C', 较高: 'C', 信用风险较高: 'C', 'C类（信用风险较高）': 'C',
  D: 'D', D类: 'D', 高: 'D', 信用风险高: 'D', 'D类（信用风险高）': 'D',
  U: 'U', 未分类: 'U',
};

const usccHeader = '统一社会信用代码';
const monthHeader = '所属月份';

const columns: readonly ColumnSpec[] = [
  { key: 'uscc', header: usccHeader, aliases: ['社会信用代码', '信用代码', '注册号'], kind: { type: 'code' }, required: true },
  { key: 'riskClass', header: '风险分类', aliases: ['信用风险分类', '风险类别', '分类结果', '风险等级'], kind: { type: 'enum', values: riskClassValues }, required: true },
  { key: 'month', header: monthHeader, aliases: ['月份', '分类月份', '评定月份'], kind: { type: 'text', maxLength: 20 }, required: true },
];

/** '2024-03', '2024/3', '2024年3月', '202403', '2024-03-01', an Excel serial → '2024-03-01'; null if unreadable. */
export function parseMonth(text: string): string | null {
  const t = toHalfWidth(text).trim();
  let m = /^(\d{4})[-/.年](\d{1,2})(?:月|[-/.]\d{1,2}日?)?$/u.exec(t) ?? /^(\d{4})(\d{2})$/u.exec(t);
  if (!m && /^\d{5}(\.\d+)?$/u.test(t)) {
    const iso = excelSerialToIsoDate(Number(t));
    if (iso) m = /^(\d{4})-(\d{2})/u.exec(iso);
  }
  if (!m) return null;
  const year = Number(m[1]);
  const month = Number(m[2]);
  if (month < 1 || month > 12 || year < 2000 || year > 2099) return null;
  return `${year}-${String(month).padStart(2, '0')}-01`;
}

function nextMonthStart(now: Date): string {
  const local = new Date(now.getTime() + 8 * 3_600_000);
  const next = new Date(Date.UTC(local.getUTCFullYear(), local.getUTCMonth() + 1, 1));
  return next.toISOString().slice(0, 10);
}

export const riskClassesImport: ImportKind = {
  kind: 'risk-classes',
  label: '企业信用风险分类结果',
  sheetName: '信用风险分类',
  columns,
  validateRow(values, ctx) {
    const issues: ValidationIssue[] = [];
    if (values.uscc) {
      const digits15 = /^\d{15}$/u.test(values.uscc);
      const result = digits15 ? null : checkUscc(values.uscc);
      if (digits15) {
        const rn = checkRegistrationNumber(values.uscc);
        if (!rn.ok) issues.push({ column: usccHeader, reason: rn.errors.map((e) => e.message).join('；'), severity: 'error' });
      } else if (result && result.ok) {
        values.uscc = result.uscc;
      } else if (result) {
        issues.push({ column: usccHeader, reason: result.errors.map((e) => e.message).join('；'), severity: 'error' });
      }
    }
    if (values.month) {
      const month = parseMonth(values.month);
      if (month === null) {
        issues.push({ column: monthHeader, reason: `无法识别的月份“${values.month}”，请写成 2024-03`, severity: 'error' });
      } else if (month > nextMonthStart(ctx.now)) {
        issues.push({ column: monthHeader, reason: `所属月份 ${month.slice(0, 7)} 还未到`, severity: 'error' });
      } else {
        values.month = month;
      }
    }
    return issues;
  },
  keyOf: (values) => (values.uscc && values.month ? `${values.uscc}|${values.month}` : null),
  async checkStaged(db, jobId) {
    await rejectStagedRows(
      db, jobId,
      sql`not exists (select 1 from entities e where e.key = r.data->>'uscc' and e.kind = 'subject')`,
      usccHeader, '名录中没有该主体，请先导入检查对象（主体类）',
    );
  },
  async apply(tx, rows, ctx) {
    const staged = rowsOf<{ n: number; matched: number }>(await tx.execute(sql`
      select count(*)::int as n, count(e.id)::int as matched
      from import_rows r left join entities e on e.key = r.data->>'uscc' and e.kind = 'subject'
      where ${rows.where('r')}`))[0];
    if (staged && staged.matched < staged.n) {
      throw new ImportApplyError(`有 ${staged.n - staged.matched} 个主体在预览后已从名录中删除，请重新导入该文件`);
    }
    const counts = rowsOf<{ inserted: number; updated: number }>(await tx.execute(sql`
      with s as (
        select e.id as entity_id, (r.data->>'month')::date as effective_from, r.data->>'riskClass' as risk_class
        from import_rows r join entities e on e.key = r.data->>'uscc' and e.kind = 'subject'
        where ${rows.where('r')}
      ),
      up as (
        insert into risk_snapshots as rs (entity_id, effective_from, risk_class, import_job_id)
        select s.entity_id, s.effective_from, s.risk_class, ${ctx.jobId}::uuid from s
        on conflict (entity_id, effective_from) do update
          set risk_class = excluded.risk_class, import_job_id = excluded.import_job_id
          where rs.risk_class <> excluded.risk_class
        returning (xmax = 0) as inserted
      )
      select count(*) filter (where inserted)::int as inserted, count(*) filter (where not inserted)::int as updated from up`))[0];
    // entities.risk_class follows the latest snapshot of each entity of the slice.
    await tx.execute(sql`
      update entities e set risk_class = latest.risk_class, updated_at = ${ctx.now.toISOString()}::timestamptz
      from (
        select distinct on (rs.entity_id) rs.entity_id, rs.risk_class
        from risk_snapshots rs
        where rs.entity_id in (
          select e2.id from import_rows r join entities e2 on e2.key = r.data->>'uscc' and e2.kind = 'subject' where ${rows.where('r')}
        )
        order by rs.entity_id, rs.effective_from desc
      ) latest
      where e.id = latest.entity_id and e.risk_class <> latest.risk_class`);
    const inserted = counts?.inserted ?? 0;
    const updated = counts?.updated ?? 0;
    return { inserted, updated, unchanged: (staged?.n ?? 0) - inserted - updated };
  },
};
