import { useCallback, useEffect, useMemo, useState } from 'react';
import { App, Button, Card, Col, Descriptions, Empty, Row, Space, Spin, Tree, Typography } from 'antd';
import { EditOutlined, PlusOutlined, ReloadOutlined } from '@ant-design/icons';
import type { Department } from '../../../contracts/organizations.ts';
import { departmentKindLabels } from '../../../contracts/organizations.ts';
import { listDepartments } from '../../api/organizations.ts';
import { useProblemReporter } from '../../components/problem.ts';
import { buildDepartmentTree, toTreeData } from './department-tree.ts';
import { DepartmentFormModal } from './department-form-modal.tsx';

type ModalState = { mode: 'closed' } | { mode: 'create'; parentId: string | null } | { mode: 'edit'; department: Department };

export function OrganizationsPage() {
  const [departments, setDepartments] = useState<Department[]>([]);
  const [loading, setLoading] = useState(true);
  const [selectedId, setSelectedId] = useState<string | null>(null);
  const [modal, setModal] = useState<ModalState>({ mode: 'closed' });
  // Everything expanded at first; afterwards the user's choice, plus the parent of what was saved.
  const [expandedKeys, setExpandedKeys] = useState<string[] | null>(null);
  const report = useProblemReporter();
  const { message } = App.useApp();

  const load = useCallback(async () => {
    setLoading(true);
    try {
      const list = await listDepartments();
      setDepartments(list);
      setExpandedKeys((keys) => keys ?? list.map((d) => d.id));
    } catch (error) {
      report(error);
    } finally {
      setLoading(false);
    }
  }, [report]);

  useEffect(() => { void load(); }, [load]);

  const treeData = useMemo(() => toTreeData(buildDepartmentTree(departments)), [departments]);
  const selected = departments.find((d) => d.id === selectedId);
  const parentName = (id: string | null) => (id ? departments.find((d) => d.id === id)?.name ?? '—' : '（顶级机构）');

  return (
    <Card
      title={<h1 style={{ fontSize: 18, margin: 0 }}>机构管理</h1>}
      extra={(
        <Space>
          <Button icon={<ReloadOutlined />} onClick={() => void load()}>刷新</Button>
          <Button type="primary" icon={<PlusOutlined />} onClick={() => setModal({ mode: 'create', parentId: selectedId })}>
            {selected ? '新建下级机构' : '新建机构'}
          </Button>
        </Space>
      )}
    >
      <Row gutter={24}>
        <Col xs={24} md={10}>
          <Typography.Paragraph type="secondary">共 {departments.length} 个机构。点击机构查看详情。</Typography.Paragraph>
          <Spin spinning={loading}>
            {treeData.length > 0 ? (
              <Tree
                aria-label="机构树"
                treeData={treeData}
                expandedKeys={expandedKeys ?? []}
                onExpand={(keys) => setExpandedKeys(keys.map(String))}
                blockNode
                selectedKeys={selectedId ? [selectedId] : []}
                onSelect={(keys) => setSelectedId(keys[0] === undefined ? null : String(keys[0]))}
              />
            ) : (!loading && <Empty description="暂无机构" />)}
          </Spin>
        </Col>
        <Col xs={24} md={14}>
          {selected ? (
            <Card
              type="inner"
              title={selected.name}
              extra={(
                <Space>
                  <Button icon={<PlusOutlined />} onClick={() => setModal({ mode: 'create', parentId: selected.id })}>新建下级</Button>
                  <Button type="primary" icon={<EditOutlined />} onClick={() => setModal({ mode: 'edit', department: selected })}>编辑</Button>
                </Space>
              )}
            >
              <Descriptions column={1} size="small" bordered>
                <Descriptions.Item label="机构名称">{selected.name}</Descriptions.Item>
                <Descriptions.Item label="机构类型">{departmentKindLabels[selected.kind]}</Descriptions.Item>
                <Descriptions.Item label="上级机构">{parentName(selected.parentId)}</Descriptions.Item>
                <Descriptions.Item label="机构编码">{selected.code}</Descriptions.Item>
                <Descriptions.Item label="行政区划代码">{selected.regionCode}</Descriptions.Item>
                <Descriptions.Item label="排序">{selected.sortOrder}</Descriptions.Item>
              </Descriptions>
            </Card>
          ) : (
            <Empty description="请在左侧选择机构" style={{ marginTop: 48 }} />
          )}
        </Col>
      </Row>
      <DepartmentFormModal
        open={modal.mode !== 'closed'}
        editing={modal.mode === 'edit' ? modal.department : undefined}
        defaultParentId={modal.mode === 'create' ? modal.parentId : undefined}
        departments={departments}
        onClose={() => setModal({ mode: 'closed' })}
        onSaved={(saved) => {
          setModal({ mode: 'closed' });
          setSelectedId(saved.id);
          const parentId = saved.parentId;
          if (parentId) setExpandedKeys((keys) => [...new Set([...(keys ?? []), parentId])]);
          void message.success(`已保存机构“${saved.name}”`);
          void load();
        }}
      />
    </Card>
  );
}
