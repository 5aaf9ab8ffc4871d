import { useMemo, useState } from 'react';
import { Alert, Card, List, Select, Space, Typography } from 'antd';
import { Link } from 'react-router';
import { inspectionStatuses, inspectionStatusLabels, type InspectionStatus } from '../../../contracts/inspections.ts';
import { listInspections } from '../../api/inspections.ts';
import { ContrastTag } from '../../components/contrast-tag.tsx';
import { useLoaded } from '../../components/use-loaded.ts';
import { deadlineTag } from './inspection-format.ts';

/**
 * The inspection lists: 我的检查 (the officer's assignments, cards that read well on a
 * phone) and 结果审核与公示 (what the department reviews and publishes, with the overdue count).
 */
function InspectionListPage({ scope, title }: { scope: 'mine' | 'review'; title: string }) {
  const [status, setStatus] = useState<InspectionStatus | undefined>(scope === 'review' ? 'submitted' : undefined);
  const query = useMemo(() => ({ scope, ...(status ? { status } : {}), pageSize: 200 }), [scope, status]);
  const { data, loading } = useLoaded(listInspections, query);

  return (
    <Space direction="vertical" size="middle" style={{ width: '100%', maxWidth: 960 }}>
      <Typography.Title level={3} style={{ margin: 0 }}>{title}</Typography.Title>
      <Space wrap>
        <Select aria-label="按状态筛选" allowClear placeholder="全部状态" style={{ width: 160 }} value={status} onChange={setStatus}
          options={inspectionStatuses.map((s) => ({ value: s, label: inspectionStatusLabels[s] }))} />
        {data ? <Typography.Text type="secondary">共 {data.total} 条</Typography.Text> : null}
      </Space>
      {data && data.overdue > 0 ? <Alert type="error" showIcon message={`${data.overdue} 条结果已超过 20 个工作日公示期限仍未公示`} /> : null}
      <List
        loading={loading}
        dataSource={data?.items ?? []}
        locale={{ emptyText: scope === 'mine' ? '暂无分派给您的检查' : '暂无需要审核或公示的结果' }}
        renderItem={(i) => {
          const deadline = deadlineTag(i.deadline);
          return (
            <List.Item>
              <Card size="small" style={{ width: '100%' }}
                title={<Link to={`/inspections/${i.id}`}>{i.object.name}</Link>}
                extra={<ContrastTag color={i.status === 'published' ? 'green' : i.status === 'returned' ? 'red' : 'blue'}>{i.statusLabel}</ContrastTag>}>
                <Space direction="vertical" size={4}>
                  <Typography.Text type="secondary">{i.task.code} {i.task.name}</Typography.Text>
                  <Typography.Text>检查日期：{i.startedOn ?? '未填'} 至 {i.endedOn ?? '未填'}</Typography.Text>
                  {deadline ? <ContrastTag color={deadline.color}>{deadline.text}</ContrastTag> : <Typography.Text type="secondary">填写检查结束日期后计算公示期限</Typography.Text>}
                </Space>
              </Card>
            </List.Item>
          );
        }}
      />
    </Space>
  );
}

export function MyInspectionsPage() {
  return <InspectionListPage scope="mine" title="我的检查" />;
}

export function ReviewResultsPage() {
  return <InspectionListPage scope="review" title="结果审核与公示" />;
}
