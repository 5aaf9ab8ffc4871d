import { useCallback, useEffect, useMemo, useState } from 'react';
import { App, Button, Card, Input, Modal, Popconfirm, Select, Space, Table, Tag, TreeSelect, Typography } from 'antd';
import type { TableColumnsType, TableProps } from 'antd';
import { DownloadOutlined, ReloadOutlined, TagsOutlined, UploadOutlined } from '@ant-design/icons';
import {
  entityKindLabels, entityListWindow, entityStatuses,
  type Entity, type EntityDetail, type EntityFacets, type EntityFilter, type EntityPage, type EntitySort,
} from '../../../contracts/entities.ts';
import { importKindLabels } from '../../../contracts/imports.ts';
import type { Department } from '../../../contracts/organizations.ts';
import { riskClasses, riskClassLabels, type RiskClass } from '../../../domain/directory/risk-class.ts';
import { claimEntities, cleanFilter, entityExportUrl, getEntityFacets, listEntities } from '../../api/entities.ts';
import { listDepartments } from '../../api/organizations.ts';
import { useCurrentUser } from '../../app/session-context.tsx';
import { useProblemReporter } from '../../components/problem.ts';
import { ImportDialog, type ImportKindOption } from '../imports/import-dialog.tsx';
import { buildDepartmentTree, toTreeData } from '../organizations/department-tree.ts';
import { BulkTagsModal } from './bulk-tags-modal.tsx';
import { EntityDetailDrawer } from './entity-detail-drawer.tsx';
import { EntityEditModal } from './entity-edit-modal.tsx';
import { entityStatusLabels, kindLabel, objectKindLabel } from './entity-labels.ts';
import { RiskClassTag } from './risk-class-tag.tsx';

interface Query extends EntityFilter {
  page: number;
  pageSize: number;
  sort: EntitySort;
}

const importKinds: readonly ImportKindOption[] = [
  { kind: 'entities', label: importKindLabels.entities, hint: '市场主体名录：统一社会信用代码（或注册号）、名称、法定代表人、地址、行业、重点领域等。' },
  { kind: 'objects', label: importKindLabels.objects, hint: '车辆、工程项目、场站等：编码、名称、类型、所属主体及其他属性。' },
  { kind: 'risk-classes', label: importKindLabels['risk-classes'], hint: '按月的企业信用风险分类结果（A/B/C/D），写入分类记录并更新当前分类。' },
  { kind: 'registrations', label: importKindLabels.registrations, hint: '登记机关推送的新设立主体，导入后为“未认领”，由业务科室认领。' },
];

const emptyFacets: EntityFacets = { industries: [], focusAreas: [], tags: [], objectKinds: [] };
const options = (values: readonly string[]) => values.map((v) => ({ value: v, label: v }));

const sortOf = (field: string | undefined, order: 'ascend' | 'descend' | null | undefined): EntitySort => {
  const base = field === 'key' ? 'key' : field === 'riskClass' ? 'riskClass' : 'name';
  if (!order) return 'name';
  return (order === 'descend' ? `-${base}` : base) as EntitySort;
};

export function EntitiesPage() {
  const me = useCurrentUser();
  const isSystemAdmin = me.roles.includes('system_admin');
  const canWrite = isSystemAdmin || me.roles.includes('department_admin');
  const canEditRow = useCallback(
    (e: Pick<Entity, 'claimedByDepartmentId'>) => isSystemAdmin || (me.roles.includes('department_admin') && e.claimedByDepartmentId !== null && e.claimedByDepartmentId === me.departmentId),
    [isSystemAdmin, me.roles, me.departmentId],
  );

  const [query, setQuery] = useState<Query>({ page: 1, pageSize: 20, sort: 'name' });
  const [data, setData] = useState<EntityPage | null>(null);
  const [loading, setLoading] = useState(false);
  const [facets, setFacets] = useState<EntityFacets>(emptyFacets);
  const [departments, setDepartments] = useState<Department[]>([]);
  const [selected, setSelected] = useState<string[]>([]);
  const [detailId, setDetailId] = useState<string | null>(null);
  const [detailVersion, setDetailVersion] = useState(0);
  const [editing, setEditing] = useState<EntityDetail | null>(null);
  const [bulkOpen, setBulkOpen] = useState(false);
  const [importOpen, setImportOpen] = useState(false);
  const [claiming, setClaiming] = useState<string[] | null>(null);
  const [claimDepartment, setClaimDepartment] = useState<string | undefined>(undefined);
  const report = useProblemReporter();
  const { message } = App.useApp();

  const filter: EntityFilter = useMemo(() => {
    const { page: _page, pageSize: _pageSize, sort: _sort, ...rest } = query;
    return cleanFilter(rest);
  }, [query]);

  const load = useCallback(async (q: Query) => {
    setLoading(true);
    try {
      const { page, pageSize, sort, ...rest } = q;
      setData(await listEntities({ page, pageSize, sort, ...cleanFilter(rest) }));
    } catch (error) {
      report(error);
    } finally {
      setLoading(false);
    }
  }, [report]);

  const loadFacets = useCallback(() => {
    getEntityFacets().then(setFacets).catch((error: unknown) => report(error));
  }, [report]);

  useEffect(() => { void load(query); }, [load, query]);
  useEffect(() => {
    loadFacets();
    listDepartments().then(setDepartments).catch((error: unknown) => report(error));
  }, [loadFacets, report]);

  const setFilter = (patch: Partial<EntityFilter>) => {
    setSelected([]);
    setQuery((prev) => ({ ...prev, ...patch, page: 1 }));
  };

  const reload = () => {
    void load(query);
    loadFacets();
  };

  const claim = async (ids: string[], departmentId?: string) => {
    try {
      const result = await claimEntities(ids, departmentId);
      void message.success(result.claimed > 0 ? `已认领 ${result.claimed} 个检查对象` : '所选对象已由本机构认领');
      setClaiming(null);
      setSelected([]);
      reload();
    } catch (error) {
      report(error);
    }
  };

  /** A department admin claims for their department at once; a system admin picks the department. */
  const startClaim = (ids: string[]) => {
    if (isSystemAdmin) {
      setClaimDepartment(me.departmentId ?? undefined);
      setClaiming(ids);
    } else {
      void claim(ids);
    }
  };

  const selectedRows = (data?.items ?? []).filter((e) => selected.includes(e.id));
  const selectedUnclaimed = selectedRows.filter((e) => e.claimedByDepartmentId === null).map((e) => e.id);

  const sortOrder = (field: 'name' | 'key' | 'riskClass') => {
    if (query.sort === field) return 'ascend' as const;
    if (query.sort === `-${field}`) return 'descend' as const;
    return null;
  };

  const columns: TableColumnsType<Entity> = [
    {
      title: '名称', dataIndex: 'name', key: 'name', sorter: true, sortOrder: sortOrder('name'), width: 280,
      render: (name: string, e) => <Button type="link" style={{ padding: 0, height: 'auto', whiteSpace: 'normal', textAlign: 'left' }} onClick={() => setDetailId(e.id)}>{name}</Button>,
    },
    { title: '统一社会信用代码/编码', dataIndex: 'key', key: 'key', sorter: true, sortOrder: sortOrder('key'), width: 200 },
    { title: '类别', key: 'kind', width: 110, render: (_, e) => kindLabel(e) },
    { title: '行业类别', dataIndex: 'industry', key: 'industry', width: 120, render: (v: string | null) => v ?? '—' },
    {
      title: '信用风险分类', dataIndex: 'riskClass', key: 'riskClass', sorter: true, sortOrder: sortOrder('riskClass'), width: 130,
      render: (v: RiskClass) => <RiskClassTag riskClass={v} />,
    },
    {
      title: '状态', dataIndex: 'status', key: 'status', width: 80,
      render: (v: Entity['status']) => (v === 'active' ? entityStatusLabels[v] : <Tag>{entityStatusLabels[v]}</Tag>),
    },
    {
      title: '认领机构', key: 'claimed', width: 170,
      render: (_, e) => (e.claimedByDepartmentName ? e.claimedByDepartmentName : (
        <Space size={4}>
          <Tag color="warning">未认领</Tag>
          {canWrite && (isSystemAdmin ? (
            <Button size="small" type="link" onClick={() => startClaim([e.id])}>认领</Button>
          ) : (
            <Popconfirm title={`将“${e.name}”认领到${me.departmentName ?? '本机构'}？`} okText="认领" cancelText="取消" onConfirm={() => claim([e.id])}>
              <Button size="small" type="link">认领</Button>
            </Popconfirm>
          ))}
        </Space>
      )),
    },
  ];

  const onTableChange: TableProps<Entity>['onChange'] = (pagination, _filters, sorter) => {
    const s = Array.isArray(sorter) ? sorter[0] : sorter;
    const sort = sortOf(typeof s?.columnKey === 'string' ? s.columnKey : undefined, s?.order);
    setQuery((prev) => {
      const pageSize = pagination.pageSize ?? prev.pageSize;
      const changedShape = pageSize !== prev.pageSize || sort !== prev.sort;
      return { ...prev, sort, pageSize, page: changedShape ? 1 : pagination.current ?? 1 };
    });
  };

  const total = data?.total ?? 0;
  const exact = data?.totalExact ?? true;
  const departmentTree = toTreeData(buildDepartmentTree(departments));

  return (
    <Card
      title={<h1 style={{ fontSize: 18, margin: 0 }}>检查对象名录</h1>}
      extra={(
        <Space wrap>
          {canWrite && <Button icon={<UploadOutlined />} onClick={() => setImportOpen(true)}>导入</Button>}
          <Button icon={<DownloadOutlined />} href={entityExportUrl(filter)} download>导出</Button>
        </Space>
      )}
    >
      <Space wrap style={{ marginBottom: 12 }}>
        <Input.Search
          aria-label="搜索检查对象"
          placeholder="名称开头，或统一社会信用代码/编码/注册号"
          allowClear enterButton="搜索" style={{ width: 360 }}
          onSearch={(q) => setFilter({ q: q.trim() || undefined })}
        />
        <Select
          aria-label="类别" placeholder="全部类别" allowClear style={{ width: 140 }} value={query.kind}
          options={[
            { value: 'subject', label: entityKindLabels.subject },
            { value: 'object', label: entityKindLabels.object },
          ]}
          onChange={(kind: EntityFilter['kind']) => setFilter({ kind, objectKind: kind === 'subject' ? undefined : query.objectKind })}
        />
        {query.kind === 'object' && (
          <Select
            aria-label="对象类型" placeholder="全部对象类型" allowClear style={{ width: 150 }} value={query.objectKind}
            options={facets.objectKinds.map((k) => ({ value: k, label: objectKindLabel(k) }))}
            onChange={(objectKind: string | undefined) => setFilter({ objectKind })}
          />
        )}
        <Select
          aria-label="行业类别" placeholder="全部行业" allowClear showSearch style={{ width: 150 }} value={query.industry}
          options={options(facets.industries)} onChange={(industry: string | undefined) => setFilter({ industry })}
        />
        <Select
          aria-label="重点领域" placeholder="全部重点领域" allowClear showSearch style={{ width: 150 }} value={query.focusArea}
          options={options(facets.focusAreas)} onChange={(focusArea: string | undefined) => setFilter({ focusArea })}
        />
        <Select
          aria-label="标签" placeholder="全部标签" allowClear showSearch style={{ width: 130 }} value={query.tag}
          options={options(facets.tags)} onChange={(tag: string | undefined) => setFilter({ tag })}
        />
        <Select
          aria-label="信用风险分类" placeholder="全部风险分类" allowClear style={{ width: 190 }} value={query.riskClass}
          options={riskClasses.map((r) => ({ value: r, label: riskClassLabels[r] }))}
          onChange={(riskClass: RiskClass | undefined) => setFilter({ riskClass })}
        />
        <Select
          aria-label="状态" placeholder="全部状态" allowClear style={{ width: 110 }} value={query.status}
          options={entityStatuses.map((s) => ({ value: s, label: entityStatusLabels[s] }))}
          onChange={(status: EntityFilter['status']) => setFilter({ status })}
        />
        <Select
          aria-label="认领状态" placeholder="认领状态" allowClear style={{ width: 120 }} value={query.claimed}
          options={[{ value: 'yes', label: '已认领' }, { value: 'no', label: '未认领' }]}
          onChange={(claimed: EntityFilter['claimed']) => setFilter({ claimed, claimedBy: claimed === 'no' ? undefined : query.claimedBy })}
        />
        <TreeSelect
          aria-label="认领机构" placeholder="全部认领机构" allowClear treeDefaultExpandAll style={{ width: 180 }}
          treeData={departmentTree} value={query.claimedBy}
          onChange={(claimedBy: string | undefined) => setFilter({ claimedBy: claimedBy ?? undefined, claimed: claimedBy ? undefined : query.claimed })}
        />
        <Button icon={<ReloadOutlined />} onClick={reload}>刷新</Button>
      </Space>

      {canWrite && (
        <Space wrap style={{ marginBottom: 12 }}>
          <Typography.Text type="secondary">已选 {selected.length} 个</Typography.Text>
          <Button icon={<TagsOutlined />} onClick={() => setBulkOpen(true)}>批量修改标签</Button>
          <Button disabled={selectedUnclaimed.length === 0} onClick={() => startClaim(selectedUnclaimed)}>
            认领选中的未认领对象{selectedUnclaimed.length > 0 ? `（${selectedUnclaimed.length}）` : ''}
          </Button>
        </Space>
      )}

      <Table<Entity>
        rowKey="id"
        columns={columns}
        dataSource={data?.items ?? []}
        loading={loading}
        onChange={onTableChange}
        rowSelection={canWrite ? { selectedRowKeys: selected, onChange: (keys) => setSelected(keys.map(String)), preserveSelectedRowKeys: true } : undefined}
        pagination={{
          current: query.page,
          pageSize: query.pageSize,
          // Paging stops at the first entityListWindow rows; narrow the filters (or export) for the rest.
          total: Math.min(total, entityListWindow),
          showSizeChanger: true,
          pageSizeOptions: [10, 20, 50, 100],
          showTotal: () => (exact ? `共 ${total} 个` : `约 ${total.toLocaleString('zh-CN')} 个（可翻阅前 ${entityListWindow} 个，请缩小筛选范围或导出）`),
        }}
      />

      <EntityDetailDrawer
        entityId={detailId}
        version={detailVersion}
        canEdit={canEditRow}
        onEdit={setEditing}
        onOpenEntity={setDetailId}
        onClose={() => setDetailId(null)}
      />
      <EntityEditModal
        entity={editing}
        industries={facets.industries}
        focusAreas={facets.focusAreas}
        tags={facets.tags}
        onClose={() => setEditing(null)}
        onSaved={() => {
          setEditing(null);
          setDetailVersion((v) => v + 1);
          reload();
        }}
      />
      <BulkTagsModal
        open={bulkOpen}
        selectedIds={selected}
        filter={filter}
        matching={{ total, exact }}
        scopeNote={isSystemAdmin ? null : `您是机构管理员，修改只作用于${me.departmentName ? `“${me.departmentName}”` : '本机构'}已认领的对象。`}
        focusAreas={facets.focusAreas}
        tags={facets.tags}
        onClose={() => setBulkOpen(false)}
        onDone={() => {
          setBulkOpen(false);
          reload();
        }}
      />
      <Modal
        open={claiming !== null} title="认领检查对象" okText="认领" cancelText="取消"
        okButtonProps={{ disabled: !claimDepartment }}
        onOk={() => { if (claiming && claimDepartment) void claim(claiming, claimDepartment); }}
        onCancel={() => setClaiming(null)}
      >
        <Space direction="vertical" style={{ width: '100%' }}>
          <Typography.Text>将 {claiming?.length ?? 0} 个未认领的对象认领到：</Typography.Text>
          <TreeSelect
            aria-label="认领到机构" style={{ width: '100%' }} treeDefaultExpandAll treeData={departmentTree}
            value={claimDepartment} onChange={(v: string) => setClaimDepartment(v)} placeholder="选择机构"
          />
        </Space>
      </Modal>
      {canWrite && (
        <ImportDialog
          open={importOpen}
          title="导入检查对象名录"
          uploadPath="/api/v1/entities/import"
          kinds={importKinds}
          onClose={() => setImportOpen(false)}
          onCommitted={reload}
        />
      )}
    </Card>
  );
}
