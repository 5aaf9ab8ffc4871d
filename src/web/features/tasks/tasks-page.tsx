import { useEffect, useState } from 'react';
import { App, Button, Card, InputNumber, Select, Space, Table, Tag, TreeSelect, Typography } from 'antd';
import type { TableColumnsType } from 'antd';
import { PlusOutlined, ReloadOutlined } from '@ant-design/icons';
import { Link, useNavigate } from 'react-router';
import type { Department } from '../../../contracts/organizations.ts';
import type { Plan } from '../../../contracts/plans.ts';
import { taskStatusLabels, type Task } from '../../../contracts/tasks.ts';
import { listDepartments } from '../../api/organizations.ts';
import { listPlans, listTasks, type TaskFilter } from '../../api/tasks.ts';
import { useCurrentUser } from '../../app/session-context.tsx';
import { useProblemReporter } from '../../components/problem.ts';
import { useLoaded } from '../../components/use-loaded.ts';
import { buildDepartmentTree, toTreeData } from '../organizations/department-tree.ts';
import { taskStatusColors, taskStatusTextStyle } from './scheme-text.ts';
import { TaskEditor } from './task-editor.tsx';

type Query = TaskFilter & { page: number; pageSize: number };

/** 抽查任务: the list (server-paginated, filtered), and 新建任务. */
export function TasksPage() {
  const me = useCurrentUser();
  const canWrite = me.roles.includes('system_admin') || me.roles.includes('department_admin');
  const [query, setQuery] = useState<Query>({ page: 1, pageSize: 20 });
  const [departments, setDepartments] = useState<Department[]>([]);
  const [plans, setPlans] = useState<Plan[]>([]);
  const [creating, setCreating] = useState(false);
  const report = useProblemReporter();
  const navigate = useNavigate();
  const { message } = App.useApp();

  const { data, loading, reload } = useLoaded(listTasks, query);
  useEffect(() => {
    listDepartments().then(setDepartments).catch((error: unknown) => report(error));
    listPlans().then(setPlans).catch(() => setPlans([]));
  }, [report]);

  const filter = (patch: Partial<TaskFilter>) => setQuery((prev) => ({ ...prev, ...patch, page: 1 }));

  const columns: TableColumnsType<Task> = [
    { title: '任务编号', dataIndex: 'code', key: 'code', width: 160, render: (code: string, task) => <Link to={`/tasks/${task.id}`}>{code}</Link> },
    { title: '任务名称', dataIndex: 'name', key: 'name', render: (name: string, task) => <Link to={`/tasks/${task.id}`}>{name}</Link> },
    {
      title: '类型', key: 'kind', width: 170,
      render: (_, task) => (
        <Space size={4} wrap>
          <Tag>{task.source === 'plan' ? '年度计划' : '临时任务'}</Tag>
          {task.joint && <Tag color="purple">联合</Tag>}
          <Tag>{task.targeted ? '定向' : '不定向'}</Tag>
        </Space>
      ),
    },
    { title: '组织部门', key: 'organizer', width: 140, render: (_, task) => task.organizerDepartment.name },
    { title: '参与部门', key: 'participants', width: 220, render: (_, task) => task.participatingDepartments.map((d) => d.name).join('、') },
    { title: '实施期间', key: 'period', width: 200, render: (_, task) => `${task.periodFrom} 至 ${task.periodTo}` },
    {
      title: '状态', dataIndex: 'status', key: 'status', width: 100,
      render: (s: Task['status']) => <Tag color={taskStatusColors[s]} style={taskStatusTextStyle(s)}>{taskStatusLabels[s]}</Tag>,
    },
  ];

  return (
    <Card
      title={<h1 style={{ fontSize: 18, margin: 0 }}>抽查任务</h1>}
      extra={canWrite && <Button type="primary" icon={<PlusOutlined />} onClick={() => setCreating(true)}>新建任务</Button>}
    >
      <Typography.Paragraph type="secondary">
        抽查任务即实施方案：抽查事项、范围、分层比例、排除规则和检查组规则。冻结后候选名单与规则向社会公布，不能再修改。
      </Typography.Paragraph>
      <Space wrap style={{ marginBottom: 16 }}>
        <Select aria-label="按状态筛选" placeholder="状态" allowClear style={{ width: 120 }} value={query.status}
          options={Object.entries(taskStatusLabels).map(([value, label]) => ({ value, label }))}
          onChange={(v: Task['status'] | undefined) => filter({ status: v })} />
        <InputNumber aria-label="按年度筛选" placeholder="年度" min={2000} max={2100} precision={0} style={{ width: 110 }} value={query.year ?? null}
          onChange={(v) => filter({ year: typeof v === 'number' && v >= 2000 && v <= 2100 ? v : undefined })} />
        <Select aria-label="按年度计划筛选" placeholder="年度计划" allowClear style={{ width: 260 }} value={query.planId}
          options={plans.map((p) => ({ value: p.id, label: `${p.year} 年 ${p.department.name}：${p.current.title}` }))}
          onChange={(v: string | undefined) => filter({ planId: v })} />
        <TreeSelect aria-label="按部门筛选" style={{ width: 200 }} treeData={toTreeData(buildDepartmentTree(departments))} placeholder="全部部门"
          allowClear treeDefaultExpandAll value={query.departmentId} onChange={(v: string | undefined) => filter({ departmentId: v ?? undefined })} />
        <Button icon={<ReloadOutlined />} onClick={() => void reload()}>刷新</Button>
      </Space>
      <Table<Task>
        rowKey="id" columns={columns} dataSource={data?.items ?? []} loading={loading} scroll={{ x: 1200 }}
        pagination={{
          current: query.page, pageSize: query.pageSize, total: data?.total ?? 0, showSizeChanger: true,
          pageSizeOptions: [10, 20, 50, 100], showTotal: (total) => `共 ${total} 个任务`,
          onChange: (page, pageSize) => setQuery((prev) => ({ ...prev, page: pageSize === prev.pageSize ? page : 1, pageSize })),
        }}
      />
      <TaskEditor
        open={creating} departments={departments} onClose={() => setCreating(false)}
        onSaved={(task) => { setCreating(false); void message.success(`已创建抽查任务 ${task.code}`); void navigate(`/tasks/${task.id}`); }}
      />
    </Card>
  );
}
