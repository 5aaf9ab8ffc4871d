import { useCallback, useEffect, useState } from 'react';
import { Button, Descriptions, Drawer, Empty, Space, Spin, Table, Tabs, Tag, Typography } from 'antd';
import type { ItemDetail, ItemDiff, ItemVersion } from '../../../contracts/items.ts';
import type { Department } from '../../../contracts/organizations.ts';
import { diffItemVersions, getItem } from '../../api/items.ts';
import { formatDateTime } from '../../components/format.ts';
import { useProblemReporter } from '../../components/problem.ts';
import { fieldLabel, formatItemValue } from './item-format.ts';

interface Props {
  itemId: string | null;
  departments: readonly Department[];
  /** Bumped by the page after a change, so the drawer reloads. */
  refreshKey: number;
  onClose: () => void;
}

const detailFields = [
  'code', 'name', 'groupName', 'category', 'supervisionLevel', 'objectType', 'legalBasis', 'content', 'methods', 'defaultRatioBp',
  'frequency', 'requiredTags', 'industries', 'responsibleDepartmentId', 'claimedByDepartmentId', 'claimedAt', 'source', 'status',
  'retiredAt', 'retiredReason', 'remarks',
] as const;

function DiffTable({ diff, departments }: { diff: ItemDiff; departments: readonly Department[] }) {
  const rows = Object.entries(diff.changes).map(([field, [before, after]]) => ({ field, before, after }));
  if (rows.length === 0) return <Empty description="两个版本的内容相同" />;
  return (
    <Table
      size="small" rowKey="field" pagination={false} dataSource={rows}
      aria-label={`第 ${diff.from} 版与第 ${diff.to} 版的差异`}
      columns={[
        { title: '字段', dataIndex: 'field', width: 120, render: (f: string) => fieldLabel(f) },
        { title: `第 ${diff.from} 版`, dataIndex: 'before', render: (v: unknown, r) => <Typography.Text delete style={{ color: '#a8071a' }}>{formatItemValue(r.field, v, departments)}</Typography.Text> },
        { title: `第 ${diff.to} 版`, dataIndex: 'after', render: (v: unknown, r) => <Typography.Text style={{ color: '#135200' }}>{formatItemValue(r.field, v, departments)}</Typography.Text> },
      ]}
    />
  );
}

export function ItemDrawer({ itemId, departments, refreshKey, onClose }: Props) {
  const [detail, setDetail] = useState<ItemDetail | null>(null);
  const [loading, setLoading] = useState(false);
  const [selected, setSelected] = useState<number[]>([]);
  const [diff, setDiff] = useState<ItemDiff | null>(null);
  const [tab, setTab] = useState('info');
  const report = useProblemReporter();

  useEffect(() => {
    if (!itemId) {
      setDetail(null);
      return;
    }
    let cancelled = false;
    setLoading(true);
    getItem(itemId)
      .then((d) => { if (!cancelled) setDetail(d); })
      .catch((error: unknown) => report(error))
      .finally(() => { if (!cancelled) setLoading(false); });
    return () => { cancelled = true; };
  }, [itemId, refreshKey, report]);

  useEffect(() => {
    setSelected([]);
    setDiff(null);
    setTab('info');
  }, [itemId]);

  const compare = useCallback(async (from: number, to: number) => {
    if (!itemId) return;
    try {
      setDiff(await diffItemVersions(itemId, Math.min(from, to), Math.max(from, to)));
    } catch (error) {
      report(error);
    }
  }, [itemId, report]);

  const item = detail?.item;
  const versions = detail?.versions ?? [];

  return (
    <Drawer open={itemId !== null} onClose={onClose} size="large" title={item ? `${item.code} ${item.name}` : '抽查事项'} destroyOnHidden>
      {loading && !detail ? <Spin /> : item && (
        <Tabs
          activeKey={tab}
          onChange={setTab}
          items={[
            {
              key: 'info', label: '基本信息',
              children: (
                <>
                  <Space style={{ marginBottom: 12 }} wrap>
                    <Tag color="blue">第 {item.version} 版</Tag>
                    {item.usableInTask ? <Tag color="green" style={{ color: '#135200' }}>可用于抽查任务</Tag> : <Tag color="red">不可用于抽查任务：{item.unusableReasonLabel}</Tag>}
                  </Space>
                  <Descriptions column={1} size="small" bordered
                    items={detailFields.map((f) => ({ key: f, label: fieldLabel(f), children: formatItemValue(f, item[f], departments) }))}
                  />
                </>
              ),
            },
            {
              key: 'versions', label: `版本历史（${versions.length}）`,
              children: (
                <>
                  <Space style={{ marginBottom: 12 }} wrap>
                    <Typography.Text type="secondary">勾选两个版本后比较，或点“与上一版比较”。</Typography.Text>
                    <Button size="small" disabled={selected.length !== 2} onClick={() => { const [a, b] = selected; if (a !== undefined && b !== undefined) void compare(a, b); }}>
                      比较所选版本
                    </Button>
                  </Space>
                  <Table<ItemVersion>
                    size="small" rowKey="version" pagination={false} dataSource={versions}
                    rowSelection={{
                      selectedRowKeys: selected,
                      onChange: (keys) => setSelected(keys.map(Number).slice(-2)),
                      getCheckboxProps: (v) => ({ 'aria-label': `选择第 ${v.version} 版` }),
                    }}
                    columns={[
                      { title: '版本', dataIndex: 'version', width: 70, render: (v: number) => `第 ${v} 版` },
                      { title: '变更理由', dataIndex: 'reason', render: (v: string | null) => v ?? '—' },
                      { title: '修改人', dataIndex: 'changedByName', width: 120, render: (v: string | null) => v ?? '系统' },
                      { title: '时间', dataIndex: 'changedAt', width: 170, render: (v: string) => formatDateTime(v) },
                      {
                        title: '操作', key: 'op', width: 120,
                        render: (_, v) => (v.version > 1
                          ? <Button type="link" size="small" onClick={() => void compare(v.version - 1, v.version)}>与上一版比较</Button>
                          : null),
                      },
                    ]}
                  />
                  {diff && (
                    <div style={{ marginTop: 16 }}>
                      <Typography.Title level={5}>第 {diff.from} 版 → 第 {diff.to} 版</Typography.Title>
                      <DiffTable diff={diff} departments={departments} />
                    </div>
                  )}
                </>
              ),
            },
          ]}
        />
      )}
    </Drawer>
  );
}
