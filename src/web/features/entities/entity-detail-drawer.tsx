import { useEffect, useState } from 'react';
import { Button, Descriptions, Drawer, Empty, Space, Spin, Table, Tag, Typography } from 'antd';
import type { EntityDetail } from '../../../contracts/entities.ts';
import type { RiskClass } from '../../../domain/directory/risk-class.ts';
import { getEntity } from '../../api/entities.ts';
import { formatDateTime } from '../../components/format.ts';
import { useProblemReporter } from '../../components/problem.ts';
import { entityStatusLabels, kindLabel, objectKindLabel } from './entity-labels.ts';
import { RiskClassTag } from './risk-class-tag.tsx';

export interface EntityDetailDrawerProps {
  entityId: string | null;
  /** Bumped by the page after an edit, to load the entity again. */
  version: number;
  canEdit: (entity: EntityDetail) => boolean;
  onEdit: (entity: EntityDetail) => void;
  onOpenEntity: (id: string) => void;
  onClose: () => void;
}

const dash = (v: string | null | undefined) => (v === null || v === undefined || v === '' ? '—' : v);

export function EntityDetailDrawer({ entityId, version, canEdit, onEdit, onOpenEntity, onClose }: EntityDetailDrawerProps) {
  const [entity, setEntity] = useState<EntityDetail | null>(null);
  const [loading, setLoading] = useState(false);
  const report = useProblemReporter();

  useEffect(() => {
    if (!entityId) {
      setEntity(null);
      return;
    }
    let current = true;
    setLoading(true);
    getEntity(entityId)
      .then((e) => { if (current) setEntity(e); })
      .catch((error: unknown) => report(error))
      .finally(() => { if (current) setLoading(false); });
    return () => { current = false; };
  }, [entityId, version, report]);

  const e = entity;
  return (
    <Drawer
      open={entityId !== null}
      onClose={onClose}
      size="large"
      title={e ? e.name : '检查对象详情'}
      extra={e && canEdit(e) ? <Button type="primary" onClick={() => onEdit(e)}>编辑</Button> : null}
      destroyOnHidden
    >
      {loading && !e ? <Spin /> : null}
      {e && (
        <Space direction="vertical" size="large" style={{ width: '100%' }}>
          <Descriptions bordered size="small" column={2} items={[
            { key: 'kind', label: '类别', children: kindLabel(e) },
            { key: 'key', label: e.kind === 'subject' ? '统一社会信用代码/注册号' : '编码', children: <Typography.Text copyable>{e.key}</Typography.Text> },
            ...(e.kind === 'subject' ? [
              { key: 'reg', label: '注册号', children: dash(e.registrationNumber) },
              { key: 'legal', label: '法定代表人', children: dash(e.legalRepresentative) },
              { key: 'founded', label: '成立日期', children: dash(e.foundedOn) },
            ] : []),
            { key: 'industry', label: '行业类别', children: dash(e.industry) },
            { key: 'risk', label: '信用风险分类', children: <RiskClassTag riskClass={e.riskClass} long /> },
            { key: 'status', label: '状态', children: `${entityStatusLabels[e.status]}${e.statusSince ? `（${e.statusSince} 起）` : ''}` },
            { key: 'region', label: '行政区划代码', children: dash(e.regionCode) },
            { key: 'address', label: '地址', span: 2, children: dash(e.address) },
            { key: 'contact', label: '联络人', children: dash(e.contactName) },
            { key: 'phone', label: '联系电话', children: dash(e.contactPhone) },
            { key: 'focus', label: '重点领域', span: 2, children: e.focusAreas.length ? e.focusAreas.map((f) => <Tag key={f} color="geekblue">{f}</Tag>) : '—' },
            { key: 'tags', label: '标签', span: 2, children: e.tags.length ? e.tags.map((t) => <Tag key={t}>{t}</Tag>) : '—' },
            { key: 'claimed', label: '认领机构', children: e.claimedByDepartmentName ?? <Tag color="warning">未认领</Tag> },
            { key: 'updated', label: '更新时间', children: formatDateTime(e.updatedAt) },
            ...(e.owner ? [{
              key: 'owner', label: '所属主体', span: 2,
              children: <Button type="link" size="small" style={{ padding: 0 }} onClick={() => e.owner && onOpenEntity(e.owner.id)}>{e.owner.name}（{e.owner.key}）</Button>,
            }] : e.ownerKey ? [{ key: 'ownerKey', label: '所属主体', span: 2, children: `${e.ownerKey}（不在名录中）` }] : []),
            ...Object.entries(e.attributes).map(([k, v]) => ({ key: `attr-${k}`, label: k, children: v })),
          ]} />

          <section aria-label="信用风险分类记录">
            <Typography.Title level={5}>信用风险分类记录</Typography.Title>
            {e.riskHistory.length === 0 ? <Empty description="暂无分类记录" image={Empty.PRESENTED_IMAGE_SIMPLE} /> : (
              <Table
                size="small" rowKey="effectiveFrom" pagination={e.riskHistory.length > 12 ? { pageSize: 12 } : false}
                dataSource={e.riskHistory}
                columns={[
                  { title: '生效月份', dataIndex: 'effectiveFrom', key: 'effectiveFrom', render: (v: string) => v.slice(0, 7) },
                  { title: '分类', dataIndex: 'riskClass', key: 'riskClass', render: (v: RiskClass) => <RiskClassTag riskClass={v} long /> },
                ]}
              />
            )}
          </section>

          <section aria-label="回避关系">
            <Typography.Title level={5}>回避关系</Typography.Title>
            {e.conflicts.length === 0 ? <Empty description="无执法人员申报回避" image={Empty.PRESENTED_IMAGE_SIMPLE} /> : (
              <Table
                size="small" rowKey="id" pagination={false} dataSource={e.conflicts}
                columns={[
                  { title: '执法人员', key: 'officer', render: (_, c) => `${c.officerName}（${c.officerKey}）` },
                  { title: '所属机构', dataIndex: 'departmentName', key: 'departmentName', render: (v: string | null) => dash(v) },
                  { title: '回避事由', dataIndex: 'reason', key: 'reason' },
                  { title: '有效期', key: 'valid', render: (_, c) => `${c.validFrom} 至 ${c.validTo ?? '长期'}` },
                ]}
              />
            )}
          </section>

          {e.kind === 'subject' && e.ownedObjects.length > 0 && (
            <section aria-label="名下非主体类对象">
              <Typography.Title level={5}>名下车辆、项目等（{e.ownedObjects.length}）</Typography.Title>
              <Table
                size="small" rowKey="id" pagination={e.ownedObjects.length > 10 ? { pageSize: 10 } : false} dataSource={e.ownedObjects}
                columns={[
                  { title: '编码', dataIndex: 'key', key: 'key', render: (v: string, o) => <Button type="link" size="small" style={{ padding: 0 }} onClick={() => onOpenEntity(o.id)}>{v}</Button> },
                  { title: '名称', dataIndex: 'name', key: 'name' },
                  { title: '类型', dataIndex: 'objectKind', key: 'objectKind', render: (v: string | null) => (v ? objectKindLabel(v) : '—') },
                ]}
              />
            </section>
          )}
        </Space>
      )}
    </Drawer>
  );
}
