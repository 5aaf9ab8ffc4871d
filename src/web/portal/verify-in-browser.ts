import { riskClassLabels, type RiskClass } from '../../domain/directory/risk-class.ts';
import { listHash } from '../../domain/draw/list-hash.ts';
import type { DrawRecord } from '../../domain/draw/types.ts';
import { verifyRecord } from '../../domain/draw/verify-record.ts';

export const stratumLabel = (name: string) => (name === 'ALL' ? '全部（不分层）' : riskClassLabels[name as RiskClass] ?? name);

export interface CheckLine { label: string; ok: boolean; detail: string }

/** Recomputes the downloaded record with the same domain code as the server (src/domain/draw). */
export function verifyInBrowser(record: DrawRecord, draw: { strata: readonly { name: string; listHash: string }[] }): CheckLine[] {
  const lines: CheckLine[] = [{ label: '记录格式（suiji-draw-v1）', ok: true, detail: `抽取编号 ${record.drawId}` }];
  for (const stratum of record.strata) {
    const hash = listHash(stratum.candidates);
    const announced = draw.strata.find((s) => s.name === stratum.name)?.listHash;
    const recorded = record.output.strata.find((s) => s.name === stratum.name)?.listHash;
    lines.push({
      label: `${stratumLabel(stratum.name)} 候选名单哈希`,
      ok: hash === announced && hash === recorded,
      detail: `重新计算 ${hash}${hash === announced ? '，与抽取前公告一致' : `，抽取前公告为 ${announced ?? '（无）'}`}`,
    });
  }
  const report = verifyRecord(record);
  lines.push({
    label: '按公开种子重新计算抽取结果、截止签号、抽取顺序和检查组',
    ok: report.ok,
    detail: report.ok ? `与记录完全一致（抽中 ${record.output.order.length} 个检查对象）` : report.differences.join('；'),
  });
  for (const note of report.notes) lines.push({ label: '说明', ok: true, detail: note });
  return lines;
}
