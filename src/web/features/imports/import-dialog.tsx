import { useCallback, useEffect, useRef, useState } from 'react';
import { Alert, Button, Descriptions, Modal, Progress, Result, Select, Space, Statistic, Table, Typography, Upload } from 'antd';
import type { TableColumnsType, UploadFile } from 'antd';
import { DownloadOutlined, InboxOutlined } from '@ant-design/icons';
import { importStatusLabels, type ImportJob, type ImportKindName } from '../../../contracts/imports.ts';
import { cancelImport, commitImport, getImport, importTemplateUrl, rejectedRowsUrl, uploadImport } from '../../api/imports.ts';
import { useProblemReporter } from '../../components/problem.ts';

export interface ImportKindOption {
  kind: ImportKindName;
  label: string;
  /** One line on what the file holds. */
  hint?: string;
}

export interface ImportDialogProps {
  open: boolean;
  title: string;
  /** Where the file is uploaded with ?kind= (the entities page's /api/v1/entities/import); default POST /api/v1/imports/:kind. */
  uploadPath?: string;
  /** What may be imported here; with one kind the chooser is hidden. */
  kinds: readonly ImportKindOption[];
  /** A note under the chooser, e.g. what a department admin may import. */
  scopeNote?: string | null;
  onClose: () => void;
  /** Called once an import has been committed (the page reloads its list). */
  onCommitted?: (job: ImportJob) => void;
}

const pollMs = 700;

interface IssueLine { key: string; row: number; column: string; reason: string }

function issueLines(job: ImportJob): IssueLine[] {
  return job.rejected.flatMap((r) => r.issues.filter((i) => i.severity === 'error').map((issue, n) => ({
    key: `${r.row}-${n}`, row: r.row, column: issue.column, reason: issue.reason,
  })));
}

function percent(job: ImportJob): number {
  if (job.progressTotal <= 0) return 0;
  return Math.min(100, Math.round((job.progress / job.progressTotal) * 100));
}

/**
 * The reusable import dialog: choose the kind (with its template), upload the file, watch
 * it being validated, check the preview (accepted and rejected rows, row by row, with the
 * reasons and a download of the rejected rows), confirm, watch it being written, read the
 * summary (新增 / 更新 / 未变).
 */
export function ImportDialog({ open, title, uploadPath, kinds, scopeNote, onClose, onCommitted }: ImportDialogProps) {
  const [kind, setKind] = useState<ImportKindName | undefined>(kinds[0]?.kind);
  const [file, setFile] = useState<File | null>(null);
  const [job, setJob] = useState<ImportJob | null>(null);
  const [busy, setBusy] = useState(false);
  const report = useProblemReporter();
  const timer = useRef<ReturnType<typeof setTimeout> | null>(null);
  const committedFor = useRef<string | null>(null);

  const stopPolling = useCallback(() => {
    if (timer.current) clearTimeout(timer.current);
    timer.current = null;
  }, []);

  useEffect(() => {
    if (!open) {
      stopPolling();
      setJob(null);
      setFile(null);
      setBusy(false);
      committedFor.current = null;
    }
  }, [open, stopPolling]);

  // While the job works (validating or committing), ask for its state again.
  useEffect(() => {
    if (!job || (job.status !== 'validating' && job.status !== 'committing')) return undefined;
    timer.current = setTimeout(() => {
      getImport(job.id).then(setJob).catch((error: unknown) => report(error));
    }, pollMs);
    return stopPolling;
  }, [job, report, stopPolling]);

  useEffect(() => {
    if (job?.status === 'done' && committedFor.current !== job.id) {
      committedFor.current = job.id;
      onCommitted?.(job);
    }
  }, [job, onCommitted]);

  const start = async () => {
    if (!kind || !file) return;
    setBusy(true);
    try {
      setJob(await uploadImport(kind, file, uploadPath));
    } catch (error) {
      report(error);
    } finally {
      setBusy(false);
    }
  };

  const commit = async () => {
    if (!job) return;
    setBusy(true);
    try {
      setJob(await commitImport(job.id));
    } catch (error) {
      report(error);
    } finally {
      setBusy(false);
    }
  };

  const cancel = async () => {
    if (job && (job.status === 'preview' || job.status === 'validating')) {
      try {
        await cancelImport(job.id);
      } catch (error) {
        report(error);
      }
    }
    onClose();
  };

  const issueColumns: TableColumnsType<IssueLine> = [
    { title: '行号', dataIndex: 'row', key: 'row', width: 80 },
    { title: '列', dataIndex: 'column', key: 'column', width: 160 },
    { title: '原因', dataIndex: 'reason', key: 'reason' },
  ];

  const kindOption = kinds.find((k) => k.kind === kind);
  let body: React.ReactNode;
  let footer: React.ReactNode;

  if (!job) {
    body = (
      <Space direction="vertical" style={{ width: '100%' }} size="middle">
        <Space wrap>
          <span id="import-kind-label">导入内容</span>
          {kinds.length > 1 ? (
            <Select<ImportKindName>
              aria-labelledby="import-kind-label"
              style={{ width: 260 }}
              value={kind}
              onChange={setKind}
              options={kinds.map((k) => ({ value: k.kind, label: k.label }))}
            />
          ) : <Typography.Text strong>{kindOption?.label}</Typography.Text>}
          {kind && (
            <a href={importTemplateUrl(kind)} download>
              <DownloadOutlined /> 下载导入模板
            </a>
          )}
        </Space>
        {kindOption?.hint && <Typography.Text type="secondary">{kindOption.hint}</Typography.Text>}
        {scopeNote && <Alert type="info" showIcon message={scopeNote} />}
        <Upload.Dragger
          accept=".xlsx,.csv"
          maxCount={1}
          beforeUpload={(f) => { setFile(f); return false; }}
          onRemove={() => { setFile(null); }}
          fileList={file ? [{ uid: 'file', name: file.name, status: 'done' } satisfies UploadFile] : []}
        >
          <p className="ant-upload-drag-icon"><InboxOutlined /></p>
          <p>点击或将文件拖到此处（xlsx 或 csv，首行为表头）</p>
        </Upload.Dragger>
      </Space>
    );
    footer = [
      <Button key="cancel" onClick={onClose}>取消</Button>,
      <Button key="start" type="primary" disabled={!file || !kind} loading={busy} onClick={() => void start()}>开始校验</Button>,
    ];
  } else if (job.status === 'validating' || job.status === 'committing') {
    body = (
      <Space direction="vertical" style={{ width: '100%' }}>
        <Typography.Text>{job.status === 'validating' ? `正在校验“${job.fileName}”…` : '正在写入名录…'}</Typography.Text>
        <Progress percent={percent(job)} status="active" aria-label={importStatusLabels[job.status]} />
        <Typography.Text type="secondary">{job.progress} / {job.progressTotal || '?'} 行</Typography.Text>
      </Space>
    );
    footer = job.status === 'validating' ? [<Button key="cancel" onClick={() => void cancel()}>取消导入</Button>] : null;
  } else if (job.status === 'preview') {
    const lines = issueLines(job);
    body = (
      <Space direction="vertical" style={{ width: '100%' }} size="middle">
        <Space size="large" wrap>
          <Statistic title="共读取" value={job.totalRows} suffix="行" />
          <Statistic title="校验通过" value={job.acceptedRows} suffix="行" valueStyle={{ color: '#237804' }} />
          <Statistic title="未通过" value={job.rejectedRows} suffix="行" valueStyle={{ color: job.rejectedRows > 0 ? '#a8071a' : undefined }} />
        </Space>
        {job.rejectedRows > 0 ? (
          <>
            <Alert
              type="warning" showIcon
              message={`${job.rejectedRows} 行未通过校验，确认导入时将跳过这些行。`}
              description={<a href={rejectedRowsUrl(job.id)} download><DownloadOutlined /> 下载未通过的行（含错误原因，可修改后重新导入）</a>}
            />
            <Table<IssueLine>
              size="small" rowKey="key" columns={issueColumns} dataSource={lines}
              pagination={{ pageSize: 8, showSizeChanger: false }}
              title={() => (job.rejectedRows > job.rejected.length ? `显示前 ${job.rejected.length} 行，全部请下载` : '未通过的行')}
            />
          </>
        ) : <Alert type="success" showIcon message="全部行均通过校验。" />}
        {job.warnings.total > 0 && <Typography.Text type="secondary">另有 {job.warnings.total} 行带有提示（不影响导入）。</Typography.Text>}
      </Space>
    );
    footer = [
      <Button key="cancel" onClick={() => void cancel()}>取消导入</Button>,
      <Button key="commit" type="primary" disabled={job.acceptedRows === 0} loading={busy} onClick={() => void commit()}>确认导入</Button>,
    ];
  } else if (job.status === 'done') {
    const s = job.summary;
    body = (
      <Result
        status="success"
        title="导入完成"
        subTitle={`“${job.fileName}”已写入名录${job.rejectedRows > 0 ? `，跳过 ${job.rejectedRows} 行未通过校验的行` : ''}。`}
        extra={(
          <Descriptions bordered size="small" column={3} items={[
            { key: 'inserted', label: '新增', children: s?.inserted ?? 0 },
            { key: 'updated', label: '更新', children: s?.updated ?? 0 },
            { key: 'unchanged', label: '未变', children: s?.unchanged ?? 0 },
          ]} />
        )}
      />
    );
    footer = [<Button key="close" type="primary" onClick={onClose}>完成</Button>];
  } else {
    body = <Result status="error" title={job.status === 'cancelled' ? '导入已取消' : '导入失败'} subTitle={job.error ?? '名录未作任何修改。'} />;
    footer = [<Button key="close" onClick={onClose}>关闭</Button>];
  }

  return (
    <Modal open={open} title={title} width={760} onCancel={() => void cancel()} footer={footer} destroyOnHidden maskClosable={false}>
      {body}
    </Modal>
  );
}
