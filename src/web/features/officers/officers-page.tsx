import { useEffect, useMemo, useState } from 'react';
import { App, Button, Card, Checkbox, Input, Select, Space, Table, Tag, TreeSelect, Typography } from 'antd';
import type { TableColumnsType } from 'antd';
import { DownloadOutlined, PlusOutlined, ReloadOutlined, UploadOutlined } from '@ant-design/icons';
import { importKindLabels } from '../../../contracts/imports.ts';
import { officerCategoryLabels, officerStatusLabels, type Officer } from '../../../contracts/officers.ts';
import type { Department } from '../../../contracts/organizations.ts';
import { listOfficers, officersExportUrl, type OfficerFilter } from '../../api/officers.ts';
import { listDepartments } from '../../api/organizations.ts';
import { useCurrentUser } from '../../app/session-context.tsx';
import { useProblemReporter } from '../../components/problem.ts';
import { useLoaded } from '../../components/use-loaded.ts';
import { ImportDialog } from '../imports/import-dialog.tsx';
import { download } from '../../components/download.ts';
import { buildDepartmentTree, toTreeData } from '../organizations/department-tree.ts';
import { EligibilityTag } from './eligibility-tag.tsx';
import { OfficerDrawer } from './officer-drawer.tsx';
import { OfficerFormModal } from './officer-form-modal.tsx';

/** A name in a table cell that opens the record: a button (keyboard reachable) that looks like a link. */
const linkCell = { padding: 0, height: 'auto', whiteSpace: 'normal', textAlign: 'left' } as const;

type Query = OfficerFilter & { page: number; pageSize: number };
type ModalState = { mode: 'closed' } | { mode: 'create' } | { mode: 'edit'; officer: Officer };

const options = (labels: Record<string, string>) => Object.entries(labels).map(([value, label]) => ({ value, label }));

/** Today in China Standard Time, YYYY-MM-DD. */
function today(): string {
  return new Date(Date.now() + 8 * 3_600_000).toISOString().slice(0, 10);
}

export function OfficersPage() {
  const me = useCurrentUser();
  const isSystemAdmin = me.roles.includes('system_admin');
  const readsAll = me.roles.some((r) => r === 'system_admin' || r === 'oversight' || r === 'leader');
  const isDepartmentAdmin = me.roles.includes('department_admin');
  const canWrite = isSystemAdmin || isDepartmentAdmin;
  const fixedDepartmentId = isSystemAdmin ? undefined : me.departmentId;

  const [query, setQuery] = useState<Query>({ page: 1, pageSize: 20 });
  const [departments, setDepartments] = useState<Department[]>([]);
  const [modal, setModal] = useState<ModalState>({ mode: 'closed' });
  const [viewing, setViewing] = useState<Officer | null>(null);
  const [importOpen, setImportOpen] = useState(false);
  const report = useProblemReporter();
  const { message } = App.useApp();

  const { data, loading, reload } = useLoaded(listOfficers, query);
  useEffect(() => {
    listDepartments().then(setDepartments).catch((error: unknown) => report(error));
  }, [report]);

  const tagSuggestions = useMemo(() => [...new Set((data?.items ?? []).flatMap((o) => o.tags))].sort(), [data]);
  const filter = (patch: Partial<OfficerFilter>) => setQuery((prev) => ({ ...prev, ...patch, page: 1 }));
  const { page: _page, pageSize: _pageSize, ...currentFilter } = query;
  const canManage = (o: Officer) => isSystemAdmin || (isDepartmentAdmin && o.departmentId === me.departmentId);

  const columns: TableColumnsType<Officer> = [
    { title: '姓名', dataIndex: 'name', key: 'name', width: 100, render: (name: string, o) => <Button type="link" size="small" style={linkCell} onClick={() => setViewing(o)}>{name}</Button> },
    { title: '执法证号 / 名录编号', dataIndex: 'key', key: 'key', width: 170 },
    { title: '所属部门', dataIndex: 'departmentName', key: 'department', width: 140 },
    { title: '今日是否可抽取', key: 'eligible', width: 190, render: (_, o) => <EligibilityTag officer={o} /> },
    { title: '人员类别', dataIndex: 'category', key: 'category', width: 90, render: (c: Officer['category']) => officerCategoryLabels[c] },
    { title: '执法资质及业务专长', dataIndex: 'tags', key: 'tags', render: (tags: string[]) => <Space size={4} wrap>{tags.map((t) => <Tag key={t}>{t}</Tag>)}</Space> },
    { title: '证件有效期', key: 'valid', width: 190, render: (_, o) => (o.validFrom || o.validTo ? `${o.validFrom ?? '—'} 至 ${o.validTo ?? '—'}` : '—') },
    { title: '状态', dataIndex: 'status', key: 'status', width: 80, render: (s: Officer['status']) => officerStatusLabels[s] },
    { title: '回避', dataIndex: 'activeConflictCount', key: 'conflicts', width: 70, render: (n: number) => (n > 0 ? <Tag color="red">{n} 项</Tag> : '—') },
    {
      title: '操作', key: 'actions', width: 150, fixed: 'right',
      render: (_, o) => (
        <Space size={0} wrap>
          <Button type="link" size="small" onClick={() => setViewing(o)}>回避</Button>
          {canManage(o) && <Button type="link" size="small" onClick={() => setModal({ mode: 'edit', officer: o })}>编辑</Button>}
        </Space>
      ),
    },
  ];

  return (
    <Card
      title={<h1 style={{ fontSize: 18, margin: 0 }}>执法人员名录</h1>}
      extra={(
        <Space>
          {/* The export is for those who read the whole directory or their department (officers.policy.ts export). */}
          {(readsAll || isDepartmentAdmin) && <Button icon={<DownloadOutlined />} onClick={() => download(officersExportUrl(currentFilter))}>导出 Excel</Button>}
          {canWrite && <Button icon={<UploadOutlined />} onClick={() => setImportOpen(true)}>导入</Button>}
          {canWrite && <Button type="primary" icon={<PlusOutlined />} onClick={() => setModal({ mode: 'create' })}>登记人员</Button>}
        </Space>
      )}
    >
      <Typography.Paragraph type="secondary">
        只有持有效执法证件、在岗的执法人员可被抽取；专家只能协助检查，不计入检查人员。
        {!readsAll && isDepartmentAdmin && `您是机构管理员，仅能查看和管理${me.departmentName ? `“${me.departmentName}”` : '本机构'}的人员。`}
      </Typography.Paragraph>
      <Space wrap style={{ marginBottom: 16 }}>
        <Input.Search aria-label="搜索执法人员" placeholder="搜索姓名、证号或职务" allowClear enterButton="搜索" style={{ width: 260 }}
          onSearch={(q) => filter({ q: q.trim() || undefined })} />
        {readsAll && (
          <TreeSelect aria-label="按部门筛选" style={{ width: 200 }} treeData={toTreeData(buildDepartmentTree(departments))} placeholder="全部部门"
            allowClear treeDefaultExpandAll value={query.departmentId} onChange={(v: string | undefined) => filter({ departmentId: v ?? undefined })} />
        )}
        <Input.Search aria-label="按资质专长筛选" placeholder="资质/专长，如 工程质量" allowClear style={{ width: 200 }}
          onSearch={(tag) => filter({ tag: tag.trim() || undefined })} />
        <Select aria-label="按状态筛选" placeholder="状态" allowClear style={{ width: 100 }} options={options(officerStatusLabels)}
          value={query.status} onChange={(v: OfficerFilter['status']) => filter({ status: v })} />
        <Select aria-label="按人员类别筛选" placeholder="人员类别" allowClear style={{ width: 120 }} options={options(officerCategoryLabels)}
          value={query.category} onChange={(v: OfficerFilter['category']) => filter({ category: v })} />
        <Checkbox checked={Boolean(query.eligibleOn)} onChange={(e) => filter({ eligibleOn: e.target.checked ? today() : undefined })}>仅看今日可抽取</Checkbox>
        <Button icon={<ReloadOutlined />} onClick={() => void reload()}>刷新</Button>
      </Space>
      <Table<Officer>
        rowKey="id" columns={columns} dataSource={data?.items ?? []} loading={loading} scroll={{ x: 1300 }}
        pagination={{
          current: query.page, pageSize: query.pageSize, total: data?.total ?? 0, showSizeChanger: true,
          pageSizeOptions: [10, 20, 50, 100], showTotal: (total) => `共 ${total} 人`,
          onChange: (page, pageSize) => setQuery((prev) => ({ ...prev, page: pageSize === prev.pageSize ? page : 1, pageSize })),
        }}
      />
      <OfficerFormModal
        open={modal.mode !== 'closed'} editing={modal.mode === 'edit' ? modal.officer : undefined} departments={departments}
        fixedDepartmentId={fixedDepartmentId} tagSuggestions={tagSuggestions} onClose={() => setModal({ mode: 'closed' })}
        onSaved={(officer) => {
          setModal({ mode: 'closed' });
          void message.success(`已保存“${officer.name}”`);
          void reload();
        }}
      />
      <OfficerDrawer officer={viewing} canManage={viewing !== null && canManage(viewing)} onClose={() => setViewing(null)} onChanged={() => void reload()} />
      {canWrite && (
        <ImportDialog
          open={importOpen}
          title="导入执法检查人员名录"
          kinds={[{ kind: 'officers', label: importKindLabels.officers, hint: '每行一人，按执法证号（专家为名录编号）新增或更新；所属部门填机构名称或代码。' }]}
          scopeNote={isSystemAdmin ? null : `您是机构管理员，只能导入${me.departmentName ? `“${me.departmentName}”` : '本机构'}的人员，其他机构的行将列为未通过。`}
          onClose={() => setImportOpen(false)}
          onCommitted={() => void reload()}
        />
      )}
    </Card>
  );
}
