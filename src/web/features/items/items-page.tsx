import { useEffect, useState } from 'react';
import { App, Button, Card, Input, Select, Space, Table, Tag, TreeSelect, Typography } from 'antd';
import type { TableColumnsType } from 'antd';
import { DownloadOutlined, PlusOutlined, ReloadOutlined, UploadOutlined } from '@ant-design/icons';
import { importKindLabels } from '../../../contracts/imports.ts';
import { itemCategoryLabels, supervisionLevelLabels, type Item } from '../../../contracts/items.ts';
import type { Department } from '../../../contracts/organizations.ts';
import { itemsExportUrl, listItems, type ItemFilter } from '../../api/items.ts';
import { listDepartments } from '../../api/organizations.ts';
import { useCurrentUser } from '../../app/session-context.tsx';
import { useProblemReporter } from '../../components/problem.ts';
import { useLoaded } from '../../components/use-loaded.ts';
import { ImportDialog } from '../imports/import-dialog.tsx';
import { buildDepartmentTree, toTreeData } from '../organizations/department-tree.ts';
import { ClaimItemModal, RetireItemModal } from './item-action-modals.tsx';
import { ItemDrawer } from './item-drawer.tsx';
import { download } from '../../components/download.ts';
import { canManageItem } from './item-format.ts';
import { ItemFormModal } from './item-form-modal.tsx';

/** A name in a table cell that opens the record: a button (keyboard reachable) that looks like a link. */
const linkCell = { padding: 0, height: 'auto', whiteSpace: 'normal', textAlign: 'left' } as const;

type Query = ItemFilter & { page: number; pageSize: number };
type ModalState = { mode: 'closed' } | { mode: 'create' } | { mode: 'edit'; item: Item };

const options = (labels: Record<string, string>) => Object.entries(labels).map(([value, label]) => ({ value, label }));

export function ItemsPage() {
  const me = useCurrentUser();
  const isSystemAdmin = me.roles.includes('system_admin');
  const isDepartmentAdmin = me.roles.includes('department_admin');
  const canWrite = isSystemAdmin || isDepartmentAdmin;
  const fixedDepartmentId = isSystemAdmin ? undefined : me.departmentId;

  const [query, setQuery] = useState<Query>({ page: 1, pageSize: 20 });
  const [departments, setDepartments] = useState<Department[]>([]);
  const [modal, setModal] = useState<ModalState>({ mode: 'closed' });
  const [claiming, setClaiming] = useState<Item | null>(null);
  const [retiring, setRetiring] = useState<Item | null>(null);
  const [viewing, setViewing] = useState<string | null>(null);
  const [refreshKey, setRefreshKey] = useState(0);
  const [importOpen, setImportOpen] = useState(false);
  const report = useProblemReporter();
  const { message } = App.useApp();

  const { data, loading, reload } = useLoaded(listItems, query);
  useEffect(() => {
    listDepartments().then(setDepartments).catch((error: unknown) => report(error));
  }, [report]);

  const changed = (item: Item, text: string) => {
    void message.success(text);
    setRefreshKey((k) => k + 1);
    void reload();
    return item;
  };

  const filter = (patch: Partial<ItemFilter>) => setQuery((prev) => ({ ...prev, ...patch, page: 1 }));
  const { page: _page, pageSize: _pageSize, ...currentFilter } = query;

  const columns: TableColumnsType<Item> = [
    { title: '事项编码', dataIndex: 'code', key: 'code', width: 130 },
    {
      title: '抽查事项名称', dataIndex: 'name', key: 'name',
      render: (name: string, item) => <Button type="link" size="small" style={linkCell} onClick={() => setViewing(item.id)}>{name}</Button>,
    },
    { title: '抽查类别', dataIndex: 'groupName', key: 'groupName', width: 130 },
    {
      title: '事项类别', dataIndex: 'category', key: 'category', width: 120,
      render: (c: Item['category']) => <Tag color={c === 'key' ? 'red' : 'default'}>{itemCategoryLabels[c]}</Tag>,
    },
    { title: '监管层级', dataIndex: 'supervisionLevel', key: 'level', width: 90, render: (l: Item['supervisionLevel']) => supervisionLevelLabels[l] },
    { title: '责任部门', dataIndex: 'responsibleDepartmentName', key: 'responsible', width: 140, render: (v: string | null) => v ?? '—' },
    { title: '认领部门', dataIndex: 'claimedByDepartmentName', key: 'claimer', width: 140, render: (v: string | null) => v ?? <Typography.Text type="secondary">未认领</Typography.Text> },
    {
      title: '可用于任务', key: 'usable', width: 140,
      render: (_, item) => (item.usableInTask
        ? <Tag color="green" style={{ color: '#135200' }}>可用</Tag>
        : <Tag color={item.status === 'retired' ? 'default' : 'red'}>不可用：{item.unusableReasonLabel}</Tag>),
    },
    { title: '版本', dataIndex: 'version', key: 'version', width: 70, render: (v: number) => `v${v}` },
    {
      title: '操作', key: 'actions', width: 200, fixed: 'right',
      render: (_, item) => (
        <Space size={0} wrap>
          <Button type="link" size="small" onClick={() => setViewing(item.id)}>详情</Button>
          {item.status === 'active' && canManageItem(me, item) && (
            <Button type="link" size="small" onClick={() => setModal({ mode: 'edit', item })}>编辑</Button>
          )}
          {canWrite && item.status === 'active' && item.claimedByDepartmentId === null && (isSystemAdmin || me.departmentId !== null) && (
            <Button type="link" size="small" onClick={() => setClaiming(item)}>认领</Button>
          )}
          {item.status === 'active' && canManageItem(me, item) && (
            <Button type="link" size="small" style={{ color: '#a8071a' }} onClick={() => setRetiring(item)}>退役</Button>
          )}
        </Space>
      ),
    },
  ];

  return (
    <Card
      title={<h1 style={{ fontSize: 18, margin: 0 }}>抽查事项</h1>}
      extra={(
        <Space>
          <Button icon={<DownloadOutlined />} onClick={() => download(itemsExportUrl(currentFilter))}>导出 Excel</Button>
          {canWrite && <Button icon={<UploadOutlined />} onClick={() => setImportOpen(true)}>导入</Button>}
          {canWrite && <Button type="primary" icon={<PlusOutlined />} onClick={() => setModal({ mode: 'create' })}>新建事项</Button>}
        </Space>
      )}
    >
      <Typography.Paragraph type="secondary">
        随机抽查事项清单：每次修改、认领或退役都生成新版本并保留理由。只有在用且已认领的事项可用于抽查任务。
        {!isSystemAdmin && isDepartmentAdmin && `您是机构管理员，可修改${me.departmentName ? `“${me.departmentName}”` : '本机构'}负责或认领的事项。`}
      </Typography.Paragraph>
      <Space wrap style={{ marginBottom: 16 }}>
        <Input.Search
          aria-label="搜索抽查事项" placeholder="搜索编码、名称或类别" allowClear enterButton="搜索" style={{ width: 280 }}
          onSearch={(q) => filter({ q: q.trim() || undefined })}
        />
        <Select aria-label="按事项类别筛选" placeholder="事项类别" allowClear style={{ width: 140 }} options={options(itemCategoryLabels)}
          value={query.category} onChange={(v: ItemFilter['category']) => filter({ category: v })} />
        <Select aria-label="按状态筛选" placeholder="状态" allowClear style={{ width: 110 }} options={[{ value: 'active', label: '在用' }, { value: 'retired', label: '已退役' }]}
          value={query.status} onChange={(v: ItemFilter['status']) => filter({ status: v })} />
        <Select aria-label="按认领情况筛选" placeholder="认领情况" allowClear style={{ width: 120 }} options={[{ value: 'claimed', label: '已认领' }, { value: 'unclaimed', label: '未认领' }]}
          value={query.claimed} onChange={(v: ItemFilter['claimed']) => filter({ claimed: v })} />
        <Select aria-label="按监管层级筛选" placeholder="监管层级" allowClear style={{ width: 110 }} options={options(supervisionLevelLabels)}
          value={query.level} onChange={(v: ItemFilter['level']) => filter({ level: v })} />
        <TreeSelect
          aria-label="按机构筛选" style={{ width: 200 }} treeData={toTreeData(buildDepartmentTree(departments))} placeholder="全部机构"
          allowClear treeDefaultExpandAll value={query.departmentId}
          onChange={(v: string | undefined) => filter({ departmentId: v ?? undefined })}
        />
        <Button icon={<ReloadOutlined />} onClick={() => void reload()}>刷新</Button>
      </Space>
      <Table<Item>
        rowKey="id" columns={columns} dataSource={data?.items ?? []} loading={loading} scroll={{ x: 1400 }}
        pagination={{
          current: query.page, pageSize: query.pageSize, total: data?.total ?? 0, showSizeChanger: true,
          pageSizeOptions: [10, 20, 50, 100], showTotal: (total) => `共 ${total} 个事项`,
          onChange: (page, pageSize) => setQuery((prev) => ({ ...prev, page: pageSize === prev.pageSize ? page : 1, pageSize })),
        }}
      />
      <ItemFormModal
        open={modal.mode !== 'closed'} editing={modal.mode === 'edit' ? modal.item : undefined} departments={departments}
        fixedDepartmentId={fixedDepartmentId} onClose={() => setModal({ mode: 'closed' })}
        onSaved={(item) => { setModal({ mode: 'closed' }); changed(item, `已保存“${item.name}”（第 ${item.version} 版）`); }}
      />
      <ClaimItemModal
        item={claiming} departments={departments} fixedDepartmentId={fixedDepartmentId} onClose={() => setClaiming(null)}
        onDone={(item) => { setClaiming(null); changed(item, `已认领“${item.name}”`); }}
      />
      <RetireItemModal item={retiring} onClose={() => setRetiring(null)} onDone={(item) => { setRetiring(null); changed(item, `已退役“${item.name}”`); }} />
      <ItemDrawer itemId={viewing} departments={departments} refreshKey={refreshKey} onClose={() => setViewing(null)} />
      {canWrite && (
        <ImportDialog
          open={importOpen}
          title="导入抽查事项清单"
          kinds={[{ kind: 'items', label: importKindLabels.items, hint: '每行一个事项，按事项编码新增或更新（有变化的事项生成新版本）；导出的 Excel 可修改后直接导入。' }]}
          scopeNote={isSystemAdmin ? null : `您是机构管理员，只能导入${me.departmentName ? `“${me.departmentName}”` : '本机构'}负责或认领的事项，其他行将列为未通过。`}
          onClose={() => setImportOpen(false)}
          onCommitted={() => void reload()}
        />
      )}
    </Card>
  );
}
