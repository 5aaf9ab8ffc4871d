import { useEffect, useState } from 'react';
import { Alert, Button, Space, Spin } from 'antd';
import { useParams } from 'react-router';
import type { IndicatorsView } from '../../../contracts/oversight.ts';
import { assessmentXlsxUrl, getIndicators, type StatsIndicators } from '../../api/oversight.ts';
import { problemText } from '../../components/problem-text.ts';
import { assessmentFigures } from './indicator-format.ts';

// A4 landscape; buttons do not print; each department's block stays on one page.
const printCss = `
@page { size: A4 landscape; margin: 12mm; }
.assessment { max-width: 277mm; margin: 0 auto; padding: 16px; color: #000; background: #fff; font-size: 13px; line-height: 1.5; }
.assessment h1 { font-size: 20px; text-align: center; margin: 0 0 12px; }
.assessment table { width: 100%; border-collapse: collapse; margin-bottom: 12px; }
.assessment th, .assessment td { border: 1px solid #000; padding: 4px 6px; text-align: left; vertical-align: top; }
.assessment th { background: #f0f0f0; font-weight: 600; }
@media print {
  body { background: #fff !important; }
  .no-print { display: none !important; }
  .assessment { padding: 0; max-width: none; }
  .assessment tr { break-inside: avoid; }
  .assessment th { background: #fff !important; }
}
`;

/** 年度考核 (printable): one column per department and the bureau, one row per indicator. */
export function AssessmentPrintPage() {
  const { year: yearParam } = useParams();
  const year = Number(yearParam);
  const [stats, setStats] = useState<StatsIndicators | null>(null);
  const [error, setError] = useState<string | null>(null);
  useEffect(() => {
    if (!Number.isInteger(year)) {
      setError('年度不正确');
      return;
    }
    getIndicators(year).then(setStats, (e: unknown) => setError(problemText(e)));
  }, [year]);
  if (error) return <Alert type="error" showIcon message={error} style={{ margin: 24 }} />;
  if (!stats) return <div style={{ padding: 48, textAlign: 'center' }}><Spin /></div>;
  const columns: { name: string; i: IndicatorsView }[] = [
    ...stats.departments.map((d) => ({ name: d.department.name, i: d.indicators })),
    ...(stats.bureau ? [{ name: '全局合计', i: stats.bureau }] : []),
  ];
  const labels = columns[0] ? assessmentFigures(columns[0].i).map((f) => f.label) : [];
  return (
    <div className="assessment">
      <style>{printCss}</style>
      <Space className="no-print" style={{ marginBottom: 16 }} wrap>
        <Button type="primary" onClick={() => window.print()}>打印 / 另存为 PDF</Button>
        <Button href={assessmentXlsxUrl(year)}>导出 xlsx</Button>
      </Space>
      <h1>{year} 年度“双随机、一公开”监管工作考核表</h1>
      {columns.length === 0 ? <p>本年度暂无数据。</p> : (
        <table>
          <thead>
            <tr><th>考核指标</th>{columns.map((c) => <th key={c.name}>{c.name}</th>)}</tr>
          </thead>
          <tbody>
            {labels.map((label, row) => (
              <tr key={label}>
                <th scope="row">{label}</th>
                {columns.map((c) => <td key={c.name}>{assessmentFigures(c.i)[row]?.value ?? '—'}</td>)}
              </tr>
            ))}
          </tbody>
        </table>
      )}
    </div>
  );
}
