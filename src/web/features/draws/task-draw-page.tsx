import { useCallback, useEffect, useState } from 'react';
import { Alert, Card, Descriptions, Space, Spin, Typography } from 'antd';
import { useParams } from 'react-router';
import { taskStatusLabels, type Task } from '../../../contracts/tasks.ts';
import { getTask } from '../../api/draws.ts';
import { problemText } from '../../components/problem-text.ts';
import { DrawPanel } from './draw-panel.tsx';

/**
 * /draws/task/:taskId: the draw of one task on its own page, with a short summary of the task.
 * The task detail page (/tasks/:id) renders the same DrawPanel.
 */
export function TaskDrawPage() {
  const { taskId = '' } = useParams();
  const [task, setTask] = useState<Task | null>(null);
  const [error, setError] = useState<string | null>(null);
  const load = useCallback(() => {
    getTask(taskId).then(setTask).catch((e: unknown) => setError(problemText(e)));
  }, [taskId]);
  useEffect(load, [load]);

  if (error) return <Alert type="error" showIcon title={error} />;
  if (!task) return <Spin />;
  return (
    <Space orientation="vertical" size="middle" style={{ width: '100%' }}>
      <Card>
        <Typography.Title level={1} style={{ fontSize: 22, marginTop: 0 }}>{task.name}</Typography.Title>
        <Descriptions size="small" column={{ xs: 1, md: 3 }}>
          <Descriptions.Item label="任务编号">{task.code}</Descriptions.Item>
          <Descriptions.Item label="状态">{taskStatusLabels[task.status]}</Descriptions.Item>
          <Descriptions.Item label="检查期限">{task.periodFrom} 至 {task.periodTo}</Descriptions.Item>
          <Descriptions.Item label="组织部门">{task.organizerDepartment.name}</Descriptions.Item>
          <Descriptions.Item label="参与部门">{task.participatingDepartments.map((d) => d.name).join('、')}</Descriptions.Item>
          <Descriptions.Item label="抽查事项">{task.items.map((i) => i.name).join('、')}</Descriptions.Item>
        </Descriptions>
      </Card>
      <DrawPanel task={task} onChanged={load} />
    </Space>
  );
}
