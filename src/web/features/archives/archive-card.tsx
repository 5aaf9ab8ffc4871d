import { useCallback, useEffect, useState } from 'react';
import { Alert, App, Button, Card, Descriptions, List, Popconfirm, Typography } from 'antd';
import { DownloadOutlined, InboxOutlined } from '@ant-design/icons';
import type { ArchiveCheck } from '../../../contracts/archives.ts';
import type { Task } from '../../../contracts/tasks.ts';
import { archiveTask, archiveZipUrl, getArchiveCheck } from '../../api/archives.ts';
import { ApiError } from '../../api/client.ts';
import { useCurrentUser } from '../../app/session-context.tsx';
import { formatDateTime } from '../../components/format.ts';
import { useProblemReporter } from '../../components/problem.ts';
import { archiveSummary, formatBytes } from './archive-text.ts';

/**
 * 归档 on the task detail page: the completeness check (what is missing, naming the objects),
 * the 归档 button once nothing is missing, then the download and the manifest SHA-256 (the
 * value `suiji archive verify` prints). Shown once the task is drawn, to those who may read it.
 */
export function ArchiveCard({ task }: { task: Task }) {
  const me = useCurrentUser();
  const report = useProblemReporter();
  const { message } = App.useApp();
  const [check, setCheck] = useState<ArchiveCheck | null>(null);
  const [hidden, setHidden] = useState(false);
  const [busy, setBusy] = useState(false);

  const involved = me.departmentId !== null && (task.organizerDepartment.id === me.departmentId || task.participatingDepartments.some((d) => d.id === me.departmentId));
  const canArchive = me.roles.includes('system_admin') || (me.roles.includes('department_admin') && involved);

  const reload = useCallback(async () => {
    try {
      setCheck(await getArchiveCheck(task.id));
    } catch (error) {
      // Not for this user (403): the card is simply not shown.
      if (error instanceof ApiError && error.status === 403) setHidden(true);
      else report(error);
    }
  }, [task.id, report]);

  useEffect(() => {
    if (task.status === 'drawn') void reload();
  }, [reload, task.status]);

  if (task.status !== 'drawn' || hidden || !check) return null;

  const archive = async () => {
    setBusy(true);
    try {
      const done = await archiveTask(task.id);
      setCheck(done);
      void message.success(`已归档抽查任务 ${task.code}`);
    } catch (error) {
      report(error);
      await reload();
    } finally {
      setBusy(false);
    }
  };

  const summary = archiveSummary(check);
  return (
    <Card
      title={<span><InboxOutlined /> 归档</span>}
      extra={!check.archive && canArchive && (
        <Popconfirm title="确认归档？" description="归档后本任务的抽取、检查结果及后续处置都不能再修改。" okText="归档" cancelText="取消" onConfirm={archive} disabled={!check.complete}>
          <Button type="primary" disabled={!check.complete} loading={busy}>归档</Button>
        </Popconfirm>
      )}
    >
      <Alert type={summary.tone} showIcon title={summary.text} style={{ marginBottom: check.missing.length > 0 || check.archive ? 12 : 0 }} />
      {check.missing.length > 0 && (
        <List size="small" bordered dataSource={check.missing} renderItem={(m) => <List.Item>{m.message}</List.Item>} aria-label="归档前缺少的内容" />
      )}
      {check.archive && (
        <Descriptions column={1} bordered size="small">
          <Descriptions.Item label="归档包">
            <a href={archiveZipUrl(task.id)} download={check.archive.fileName}><DownloadOutlined /> {check.archive.fileName}</a>（{formatBytes(check.archive.size)}）
          </Descriptions.Item>
          <Descriptions.Item label="清单 SHA-256">
            <Typography.Text code copyable style={{ wordBreak: 'break-all' }}>{check.archive.manifestSha256}</Typography.Text>
          </Descriptions.Item>
          <Descriptions.Item label="归档时间">{formatDateTime(check.archive.createdAt)}（{check.archive.createdBy ?? '—'}）</Descriptions.Item>
          <Descriptions.Item label="核验">
            <Typography.Text type="secondary">下载后运行 <Typography.Text code>suiji archive verify {check.archive.fileName}</Typography.Text>，输出的清单 SHA-256 应与上面一致。</Typography.Text>
          </Descriptions.Item>
        </Descriptions>
      )}
    </Card>
  );
}
