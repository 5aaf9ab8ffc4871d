import { useState } from 'react';
import { Button, Empty, Modal, Space, Table, Typography } from 'antd';
import type { Plan, PlanVersion } from '../../../contracts/plans.ts';
import { diffPlanVersions, getPlanVersion } from '../../api/plans.ts';
import { formatDateTime } from '../../components/format.ts';
import { useProblemReporter } from '../../components/problem.ts';
import { describeScope, diffRows, formatBp, nameLookup, planStatusColors, planStatusLabel, type DiffRow } from './plan-format.ts';
import { ContrastTag } from '../../components/contrast-tag.tsx';

const kindColors: Record<DiffRow['kind'], string> = { added: 'green', removed: 'red', changed: 'blue', title: 'blue' };

/** The task lines of one version, read-only. */
export function PlanLinesTable({ lines, label }: { lines: PlanVersion['lines']; label: string }) {
  return (
    <Table
      size="small" rowKey="name" pagination={false} dataSource={lines} aria-label={label} scroll={{ x: 900 }}
      locale={{ emptyText: '还没有抽查任务' }}
      columns={[
        { title: '抽查任务', dataIndex: 'name', width: 180 },
        { title: '抽查事项', key: 'items', render: (_, l) => l.items.map((i) => `${i.code} ${i.name}`).join('、') },
        { title: '联合抽查部门', key: 'departments', width: 140, render: (_, l) => l.departments.map((d) => d.name).join('、') || '—' },
        { title: '抽查范围', key: 'scope', render: (_, l) => describeScope(l.scope) },
        { title: '抽查比例', dataIndex: 'ratioBp', width: 90, render: (bp: number) => formatBp(bp) },
        { title: '实施期间', key: 'period', width: 200, render: (_, l) => `${l.periodFrom} 至 ${l.periodTo}` },
      ]}
    />
  );
}

type Viewing = { kind: 'version'; version: PlanVersion } | { kind: 'diff'; from: number; to: number; reason: string | null; rows: DiffRow[] };

/** 版本历史: every version with its reason; view one, or what changed against the version before. */
export function PlanVersions({ plan }: { plan: Plan }) {
  const [viewing, setViewing] = useState<Viewing | null>(null);
  const report = useProblemReporter();

  const view = async (version: number) => {
    try {
      setViewing({ kind: 'version', version: await getPlanVersion(plan.id, version) });
    } catch (error) {
      report(error);
    }
  };

  const compare = async (from: number, to: number) => {
    try {
      const [diff, a, b] = await Promise.all([diffPlanVersions(plan.id, from, to), getPlanVersion(plan.id, from), getPlanVersion(plan.id, to)]);
      setViewing({ kind: 'diff', from, to, reason: diff.reason, rows: diffRows(diff, nameLookup([a, b])) });
    } catch (error) {
      report(error);
    }
  };

  return (
    <>
      <Table
        size="small" rowKey="version" pagination={false} dataSource={plan.versions} aria-label="版本历史"
        columns={[
          { title: '版本', dataIndex: 'version', width: 80, render: (v: number) => `第 ${v} 版` },
          { title: '状态', dataIndex: 'status', width: 130, render: (s: PlanVersion['status']) => <ContrastTag color={planStatusColors[s]}>{planStatusLabel(s)}</ContrastTag> },
          { title: '调整原因', dataIndex: 'reason', render: (r: string | null) => r ?? '—（初始版本）' },
          { title: '公开时间', dataIndex: 'publishedAt', width: 170, render: (t: string | null) => formatDateTime(t) },
          {
            title: '操作', key: 'op', width: 180,
            render: (_, v) => (
              <Space size={0}>
                <Button type="link" size="small" onClick={() => void view(v.version)}>查看</Button>
                {v.version > 1 && <Button type="link" size="small" onClick={() => void compare(v.version - 1, v.version)}>与上一版比较</Button>}
              </Space>
            ),
          },
        ]}
      />
      <Modal
        open={viewing !== null} onCancel={() => setViewing(null)} footer={null} width={1000} destroyOnHidden
        title={viewing?.kind === 'version' ? `第 ${viewing.version.version} 版：${viewing.version.title}` : viewing ? `第 ${viewing.from} 版 → 第 ${viewing.to} 版的变化` : ''}
      >
        {viewing?.kind === 'version' && (
          <>
            <Space style={{ marginBottom: 12 }} wrap>
              <ContrastTag color={planStatusColors[viewing.version.status]}>{planStatusLabel(viewing.version.status)}</ContrastTag>
              {viewing.version.reason && <Typography.Text>调整原因：{viewing.version.reason}</Typography.Text>}
            </Space>
            <PlanLinesTable lines={viewing.version.lines} label={`第 ${viewing.version.version} 版的抽查任务`} />
          </>
        )}
        {viewing?.kind === 'diff' && (
          <>
            {viewing.reason && <Typography.Paragraph>调整原因：{viewing.reason}</Typography.Paragraph>}
            {viewing.rows.length === 0 ? <Empty description="两个版本的内容相同" /> : (
              <Table<DiffRow>
                size="small" rowKey="key" pagination={false} dataSource={viewing.rows} aria-label={`第 ${viewing.from} 版与第 ${viewing.to} 版的差异`}
                columns={[
                  { title: '变化', dataIndex: 'kindLabel', width: 70, render: (t: string, r) => <ContrastTag color={kindColors[r.kind]}>{t}</ContrastTag> },
                  { title: '抽查任务', dataIndex: 'line', width: 180 },
                  { title: '内容', dataIndex: 'field', width: 110 },
                  { title: `第 ${viewing.from} 版`, dataIndex: 'from', render: (t: string) => <Typography.Text delete={t !== '—'} style={{ color: '#a8071a' }}>{t}</Typography.Text> },
                  { title: `第 ${viewing.to} 版`, dataIndex: 'to', render: (t: string) => <Typography.Text style={{ color: '#135200' }}>{t}</Typography.Text> },
                ]}
              />
            )}
          </>
        )}
      </Modal>
    </>
  );
}
