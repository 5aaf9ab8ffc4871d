import { useEffect, useState } from 'react';
import { Alert, Card, Spin, Table, Typography } from 'antd';
import { planCoverage, type PlanCoverage } from '../../api/plans.ts';
import { useProblemReporter } from '../../components/problem.ts';
import { coverageVerdict, formatBp, formatCoverage } from './plan-format.ts';

interface Props {
  planId: string;
  departmentName: string;
  /** Bumped after each save of the draft: the panel asks the server again. */
  refreshKey: number;
}

/** 覆盖率测算: planned / in-scope directory entities, per task line and overall, against the target. */
export function PlanCoveragePanel({ planId, departmentName, refreshKey }: Props) {
  const [coverage, setCoverage] = useState<PlanCoverage | null>(null);
  const [loading, setLoading] = useState(false);
  const report = useProblemReporter();

  useEffect(() => {
    let cancelled = false;
    setLoading(true);
    planCoverage(planId)
      .then((c) => { if (!cancelled) setCoverage(c); })
      .catch((error: unknown) => { if (!cancelled) report(error); })
      .finally(() => { if (!cancelled) setLoading(false); });
    return () => { cancelled = true; };
  }, [planId, refreshKey, report]);

  const verdict = coverage ? coverageVerdict(coverage.overall) : null;
  return (
    <section aria-label="覆盖率测算">
      <Card size="small" title={<h2 style={{ fontSize: 15, margin: 0 }}>覆盖率测算</h2>} extra={loading ? <Spin size="small" /> : null}>
        {coverage && verdict && (
          <>
            <Typography.Paragraph style={{ marginBottom: 4 }}>
              {departmentName}（第 {coverage.version} 版）：
              <Typography.Text strong style={{ color: verdict.ok ? '#135200' : '#a8071a' }}>{formatCoverage(coverage.overall)}</Typography.Text>
            </Typography.Paragraph>
            <Alert type={verdict.ok ? 'success' : 'error'} showIcon title={verdict.text} style={{ marginBottom: 12 }} />
            <Table
              size="small" rowKey="name" pagination={false} dataSource={coverage.lines} aria-label="各项抽查任务的覆盖率"
              locale={{ emptyText: '还没有抽查任务' }}
              columns={[
                { title: '抽查任务', dataIndex: 'name' },
                { title: '范围内', dataIndex: 'inScope', width: 70, render: (n: number) => `${n} 户` },
                { title: '比例', dataIndex: 'ratioBp', width: 70, render: (bp: number) => formatBp(bp) },
                { title: '计划', dataIndex: 'planned', width: 60, render: (n: number) => `${n} 户` },
              ]}
            />
            <Typography.Paragraph type="secondary" style={{ marginTop: 8, marginBottom: 0, fontSize: 12 }}>
              目标比例 {formatBp(coverage.overall.targetBp)}，至少计划 {coverage.overall.required} 户。各项任务的范围可能重叠，合计户数按上限估算。
            </Typography.Paragraph>
          </>
        )}
      </Card>
    </section>
  );
}
