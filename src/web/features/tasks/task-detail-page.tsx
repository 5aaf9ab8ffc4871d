import { useCallback, useEffect, useMemo, useState } from 'react';
import { App, Breadcrumb, Button, Card, Descriptions, Result, Space, Spin, Tag, Typography } from 'antd';
import { EditOutlined, EyeOutlined } from '@ant-design/icons';
import { Link, useParams } from 'react-router';
import type { Department } from '../../../contracts/organizations.ts';
import type { Task } from '../../../contracts/tasks.ts';
import { ApiError } from '../../api/client.ts';
import { listDepartments } from '../../api/organizations.ts';
import { getTask } from '../../api/tasks.ts';
import { useCurrentUser } from '../../app/session-context.tsx';
import { formatDateTime } from '../../components/format.ts';
import { useProblemReporter } from '../../components/problem.ts';
import { ArchiveCard } from '../archives/archive-card.tsx';
import { DrawPanel } from '../draws/draw-panel.tsx';
import { describeExclusions, describeScope, describeStrata, describeTeam, taskStatusColors, taskStatusLabel, taskStatusTextStyle } from './scheme-text.ts';
import { TaskEditor } from './task-editor.tsx';

function Lines({ lines }: { lines: readonly string[] }) {
  return <div>{lines.map((line) => <div key={line}>{line}</div>)}</div>;
}

/** 抽查任务详情: the implementation scheme in readable Chinese, status, and the draw area. */
export function TaskDetailPage() {
  const { id = '' } = useParams();
  const me = useCurrentUser();
  const report = useProblemReporter();
  const { message } = App.useApp();
  const [task, setTask] = useState<Task | null>(null);
  const [missing, setMissing] = useState(false);
  const [departments, setDepartments] = useState<Department[]>([]);
  const [editing, setEditing] = useState(false);

  const reload = useCallback(async () => {
    try {
      setTask(await getTask(id));
    } catch (error) {
      if (error instanceof ApiError && (error.status === 404 || error.status === 400)) setMissing(true);
      else report(error);
    }
  }, [id, report]);

  useEffect(() => { void reload(); }, [reload]);
  // Stable, so that the draw panel's polling effect does not restart on every render.
  const onDrawChanged = useCallback(() => { void reload(); }, [reload]);
  useEffect(() => {
    listDepartments().then(setDepartments).catch((error: unknown) => report(error));
  }, [report]);

  const departmentName = useMemo(() => {
    const names = new Map(departments.map((d) => [d.id, d.name]));
    task?.participatingDepartments.forEach((d) => names.set(d.id, d.name));
    return (depId: string) => names.get(depId) ?? depId;
  }, [departments, task]);

  if (missing) return <Result status="404" title="抽查任务不存在" extra={<Link to="/tasks">返回抽查任务</Link>} />;
  if (!task) return <div style={{ padding: 48, textAlign: 'center' }}><Spin tip="正在加载…"><div style={{ height: 40 }} /></Spin></div>;

  const isAdmin = me.roles.includes('system_admin');
  const involved = me.departmentId !== null && (task.organizerDepartment.id === me.departmentId || task.participatingDepartments.some((d) => d.id === me.departmentId));
  const canEdit = isAdmin || (me.roles.includes('department_admin') && involved);

  return (
    <Space direction="vertical" size={16} style={{ width: '100%' }}>
      <Breadcrumb items={[{ title: <Link to="/tasks">抽查任务</Link> }, { title: task.code }]} />
      <Card
        title={<h1 style={{ fontSize: 18, margin: 0 }}>{task.code} {task.name}</h1>}
        extra={canEdit && (task.status === 'draft'
          ? <Button type="primary" icon={<EditOutlined />} onClick={() => setEditing(true)}>编辑</Button>
          : <Button icon={<EyeOutlined />} onClick={() => setEditing(true)}>查看方案（只读）</Button>)}
      >
        <Descriptions column={2} bordered size="small" title="实施方案">
          <Descriptions.Item label="状态"><Tag color={taskStatusColors[task.status]} style={taskStatusTextStyle(task.status)}>{taskStatusLabel(task.status)}</Tag></Descriptions.Item>
          <Descriptions.Item label="任务类型">
            {task.source === 'plan' ? '年度计划任务' : '临时任务'}；{task.joint ? '联合抽查（跨部门）' : '本部门抽查'}；{task.targeted ? '定向抽查' : '不定向抽查'}
          </Descriptions.Item>
          <Descriptions.Item label="组织部门">{task.organizerDepartment.name}</Descriptions.Item>
          <Descriptions.Item label="参与部门">{task.participatingDepartments.map((d) => d.name).join('、')}</Descriptions.Item>
          <Descriptions.Item label="实施期间">{task.periodFrom} 至 {task.periodTo}</Descriptions.Item>
          <Descriptions.Item label="最后修改">{formatDateTime(task.updatedAt)}</Descriptions.Item>
          <Descriptions.Item label="抽查事项" span={2}>
            <Lines lines={task.items.map((i) => `${i.code} ${i.name}`)} />
          </Descriptions.Item>
          <Descriptions.Item label="抽查范围" span={2}><Lines lines={describeScope(task.scope)} /></Descriptions.Item>
          <Descriptions.Item label="分层与抽取比例" span={2}><Lines lines={describeStrata(task.strata)} /></Descriptions.Item>
          <Descriptions.Item label="排除规则" span={2}><Lines lines={describeExclusions(task.exclusions)} /></Descriptions.Item>
          <Descriptions.Item label="检查组规则" span={2}><Lines lines={describeTeam(task.team, departmentName)} /></Descriptions.Item>
          {task.description !== '' && <Descriptions.Item label="说明" span={2}>{task.description}</Descriptions.Item>}
        </Descriptions>
        <Typography.Paragraph type="secondary" style={{ marginTop: 12, marginBottom: 0 }}>
          {task.status === 'draft' ? '编制中的方案尚未公开；冻结后，实施方案与抽取公告在门户网站公布。' : '实施方案已随抽取公告在门户网站公布。'}
        </Typography.Paragraph>
      </Card>
      {/* Freeze, seed ceremony, draw, teams and dispatch: the draws feature. */}
      <DrawPanel task={task} onChanged={onDrawChanged} />
      <ArchiveCard task={task} />
      <TaskEditor
        open={editing} editing={task} departments={departments} onClose={() => setEditing(false)}
        onSaved={(saved) => { setEditing(false); setTask(saved); void message.success(`已保存抽查任务 ${saved.code}`); }}
      />
    </Space>
  );
}
