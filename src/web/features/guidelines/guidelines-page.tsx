import { useState } from 'react';
import { Button, Card, Input, Select, Space, Table, Tag, Typography } from 'antd';
import type { TableColumnsType } from 'antd';
import { DownloadOutlined, ReloadOutlined, UploadOutlined } from '@ant-design/icons';
import type { GuidelineSummary } from '../../../contracts/guidelines.ts';
import { importKindLabels } from '../../../contracts/imports.ts';
import { itemCategoryLabels } from '../../../contracts/items.ts';
import { guidelinesExportUrl, listGuidelines } from '../../api/guidelines.ts';
import { useCurrentUser } from '../../app/session-context.tsx';
import { formatDateTime } from '../../components/format.ts';
import { useLoaded } from '../../components/use-loaded.ts';
import { ImportDialog } from '../imports/import-dialog.tsx';
import { download } from '../../components/download.ts';
import { GuidelineDrawer } from './guideline-drawer.tsx';

/** A name in a table cell that opens the record: a button (keyboard reachable) that looks like a link. */
const linkCell = { padding: 0, height: 'auto', whiteSpace: 'normal', textAlign: 'left' } as const;

interface Query { page: number; pageSize: number; q?: string; has?: 'with' | 'without' }

export function GuidelinesPage() {
  const me = useCurrentUser();
  const isSystemAdmin = me.roles.includes('system_admin');
  const canWrite = isSystemAdmin || me.roles.includes('department_admin');
  const [importOpen, setImportOpen] = useState(false);
  const [query, setQuery] = useState<Query>({ page: 1, pageSize: 20 });
  const [open, setOpen] = useState<string | null>(null);

  const { data, loading, reload } = useLoaded(listGuidelines, query);

  const columns: TableColumnsType<GuidelineSummary> = [
    { title: '事项编码', dataIndex: 'itemCode', width: 130 },
    {
      title: '抽查事项', dataIndex: 'itemName',
      render: (name: string, r) => (
        <Space size={4} wrap>
          <Button type="link" size="small" style={linkCell} onClick={() => setOpen(r.itemId)}>{name}</Button>
          {r.itemStatus === 'retired' && <Tag>已退役</Tag>}
        </Space>
      ),
    },
    { title: '抽查类别', dataIndex: 'groupName', width: 140 },
    { title: '事项类别', dataIndex: 'category', width: 120, render: (c: GuidelineSummary['category']) => itemCategoryLabels[c] },
    {
      title: '指引版本', dataIndex: 'version', width: 110,
      render: (v: number | null) => (v === null ? <Tag color="red">尚未制定</Tag> : <Tag color="blue">第 {v} 版</Tag>),
    },
    { title: '检查要点', dataIndex: 'checkpointCount', width: 90, render: (n: number) => `${n} 条` },
    { title: '更新时间', dataIndex: 'updatedAt', width: 170, render: (t: string | null) => formatDateTime(t) },
    { title: '操作', key: 'op', width: 90, render: (_, r) => <Button type="link" size="small" onClick={() => setOpen(r.itemId)}>查看/编辑</Button> },
  ];

  return (
    <Card
      title={<h1 style={{ fontSize: 18, margin: 0 }}>抽查工作指引</h1>}
      extra={(
        <Space>
          <Button icon={<DownloadOutlined />} onClick={() => download(guidelinesExportUrl({ q: query.q, has: query.has }))}>导出 Excel</Button>
          {canWrite && <Button icon={<UploadOutlined />} onClick={() => setImportOpen(true)}>导入</Button>}
        </Space>
      )}
    >
      <Typography.Paragraph type="secondary">
        每个抽查事项一份指引：检查内容、检查方法、检查依据和检查要点清单。每次保存生成新版本，检查记录引用所用的版本。
      </Typography.Paragraph>
      <Space wrap style={{ marginBottom: 16 }}>
        <Input.Search aria-label="搜索抽查事项" placeholder="搜索编码、名称或类别" allowClear enterButton="搜索" style={{ width: 280 }}
          onSearch={(q) => setQuery((prev) => ({ ...prev, q: q.trim() || undefined, page: 1 }))} />
        <Select aria-label="按指引情况筛选" placeholder="指引情况" allowClear style={{ width: 140 }}
          options={[{ value: 'with', label: '已制定指引' }, { value: 'without', label: '尚未制定' }]}
          value={query.has} onChange={(has: Query['has']) => setQuery((prev) => ({ ...prev, has, page: 1 }))} />
        <Button icon={<ReloadOutlined />} onClick={() => void reload()}>刷新</Button>
      </Space>
      <Table<GuidelineSummary>
        rowKey="itemId" columns={columns} dataSource={data?.items ?? []} loading={loading} scroll={{ x: 1000 }}
        pagination={{
          current: query.page, pageSize: query.pageSize, total: data?.total ?? 0, showSizeChanger: true,
          pageSizeOptions: [10, 20, 50, 100], showTotal: (total) => `共 ${total} 个事项`,
          onChange: (page, pageSize) => setQuery((prev) => ({ ...prev, page: pageSize === prev.pageSize ? page : 1, pageSize })),
        }}
      />
      <GuidelineDrawer itemId={open} onClose={() => setOpen(null)} onSaved={() => void reload()} />
      {canWrite && (
        <ImportDialog
          open={importOpen}
          title="导入抽查工作指引"
          kinds={[{
            kind: 'guidelines', label: importKindLabels.guidelines,
            hint: '每行一个检查要点：事项编码、检查要点编号、检查要点；检查内容、方法、依据在每个事项的首行填写。内容有变化的事项生成新版本，未变的不生成。',
          }]}
          scopeNote={isSystemAdmin ? null : `您是机构管理员，只能导入${me.departmentName ? `“${me.departmentName}”` : '本机构'}负责或认领的事项的工作指引。`}
          onClose={() => setImportOpen(false)}
          onCommitted={() => void reload()}
        />
      )}
    </Card>
  );
}
