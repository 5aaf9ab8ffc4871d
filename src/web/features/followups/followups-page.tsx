import { useMemo, useState } from 'react';
import { Alert, Select, Space, Switch, Table, Typography } from 'antd';
import type { TableColumnsType } from 'antd';
import { Link } from 'react-router';
import dayjs from 'dayjs';
import { followUpStatuses, followUpStatusLabels, type FollowUpStatus } from '../../../contracts/followups.ts';
import { listFollowUps, type FollowUpListItem, type FollowUpQuery } from '../../api/followups.ts';
import { useLoaded } from '../../components/use-loaded.ts';
import { ContrastTag } from '../../components/contrast-tag.tsx';
import { statusColor, transferText } from './followup-format.ts';

/**
 * 后续处置: the follow-ups of results with problems — the department's own and those
 * transferred to it (oversight sees all) — with the overdue ones (责令改正 past its deadline,
 * not closed) flagged and counted.
 */
export function FollowUpsPage() {
  const [status, setStatus] = useState<FollowUpStatus | undefined>(undefined);
  const [overdueOnly, setOverdueOnly] = useState(false);
  const [year, setYear] = useState<number | undefined>(undefined);
  const [page, setPage] = useState(1);
  const query = useMemo<FollowUpQuery>(() => ({
    page, pageSize: 20, ...(status ? { status } : {}), ...(overdueOnly ? { overdue: 'true' as const } : {}), ...(year ? { year } : {}),
  }), [page, status, overdueOnly, year]);
  const { data, loading } = useLoaded(listFollowUps, query);

  const columns: TableColumnsType<FollowUpListItem> = [
    { title: '检查对象', key: 'object', render: (_, f) => <Link to={`/followups/${f.id}`}>{f.object.name || f.object.key}</Link> },
    { title: '抽查任务', key: 'task', render: (_, f) => `${f.task.code} ${f.task.name}` },
    { title: '处置措施', key: 'measure', render: (_, f) => f.measureLabel ?? <Typography.Text type="secondary">待确定</Typography.Text> },
    {
      title: '改正期限', key: 'due', width: 150,
      render: (_, f) => (f.dueOn ? <Space size={4}>{f.dueOn}{f.overdue ? <ContrastTag color="red">逾期</ContrastTag> : null}</Space> : '—'),
    },
    { title: '移送', key: 'transfer', render: (_, f) => transferText(f.transfer) },
    { title: '负责部门', key: 'owner', render: (_, f) => f.ownerDepartment?.name ?? '—' },
    { title: '状态', key: 'status', width: 90, render: (_, f) => <ContrastTag color={statusColor(f.status)}>{f.statusLabel}</ContrastTag> },
    { title: '完结日期', dataIndex: 'closedOn', key: 'closedOn', width: 110, render: (v: string | null) => v ?? '—' },
  ];

  return (
    <Space direction="vertical" size="middle" style={{ width: '100%' }}>
      <Typography.Title level={3} style={{ margin: 0 }}>后续处置</Typography.Title>
      <Space wrap>
        <Select aria-label="按状态筛选" allowClear placeholder="全部状态" style={{ width: 140 }} value={status}
          onChange={(v?: FollowUpStatus) => { setStatus(v); setPage(1); }}
          options={followUpStatuses.map((s) => ({ value: s, label: followUpStatusLabels[s] }))} />
        <Select aria-label="按年度筛选" allowClear placeholder="全部年度" style={{ width: 120 }} value={year}
          onChange={(v?: number) => { setYear(v); setPage(1); }}
          options={[0, 1, 2, 3].map((d) => ({ value: dayjs().year() - d, label: `${dayjs().year() - d} 年` }))} />
        <Space>
          <Switch aria-label="只看逾期" checked={overdueOnly} onChange={(v) => { setOverdueOnly(v); setPage(1); }} />
          <span>只看逾期</span>
        </Space>
        {data ? <Typography.Text type="secondary">共 {data.total} 条</Typography.Text> : null}
      </Space>
      {data && data.overdue > 0 ? <Alert type="error" showIcon message={`${data.overdue} 项责令改正已超过改正期限仍未完结`} /> : null}
      <Table<FollowUpListItem>
        rowKey="id" size="middle" loading={loading} columns={columns} dataSource={data?.items ?? []}
        locale={{ emptyText: '暂无后续处置记录' }}
        pagination={{ current: page, pageSize: 20, total: data?.total ?? 0, onChange: setPage, showSizeChanger: false }}
      />
    </Space>
  );
}
