import { useCallback, useEffect, useState } from 'react';
import { Alert, AutoComplete, Button, Card, DatePicker, Form, Space, Table, Typography } from 'antd';
import type { TableColumnsType } from 'antd';
import type { Dayjs } from 'dayjs';
import { ReloadOutlined, SafetyCertificateOutlined, SearchOutlined } from '@ant-design/icons';
import type { AuditEvent } from '../../../contracts/audit.ts';
import { listAuditEvents, verifyAuditChain, type AuditChainStatus, type AuditPage, type AuditQuery } from '../../api/audit.ts';
import { formatDateTime } from '../../components/format.ts';
import { useProblemReporter } from '../../components/problem.ts';

interface FilterValues {
  action?: string;
  subjectType?: string;
  range?: [Dayjs | null, Dayjs | null] | null;
}

function shortHash(hash: string): string {
  return hash.length > 12 ? `${hash.slice(0, 12)}…` : hash;
}

export function AuditPage() {
  const [form] = Form.useForm<FilterValues>();
  const [query, setQuery] = useState<AuditQuery>({ page: 1, pageSize: 50 });
  const [data, setData] = useState<AuditPage | null>(null);
  const [loading, setLoading] = useState(false);
  const [chain, setChain] = useState<AuditChainStatus | null>(null);
  const [verifying, setVerifying] = useState(false);
  // Suggestions for the filters: the actions and subject types seen so far.
  const [seen, setSeen] = useState<{ actions: Set<string>; subjectTypes: Set<string> }>({ actions: new Set(), subjectTypes: new Set() });
  const report = useProblemReporter();

  const load = useCallback(async (q: AuditQuery) => {
    setLoading(true);
    try {
      const page = await listAuditEvents(q);
      setData(page);
      setSeen((prev) => ({
        actions: new Set([...prev.actions, ...page.items.map((e) => e.action)]),
        subjectTypes: new Set([...prev.subjectTypes, ...page.items.map((e) => e.subjectType)]),
      }));
    } catch (error) {
      report(error);
    } finally {
      setLoading(false);
    }
  }, [report]);

  useEffect(() => { void load(query); }, [load, query]);

  const onFilter = (values: FilterValues) => {
    const [from, to] = values.range ?? [null, null];
    setQuery({
      page: 1,
      pageSize: query.pageSize,
      action: values.action?.trim() || undefined,
      subjectType: values.subjectType?.trim() || undefined,
      from: from ? from.format('YYYY-MM-DD') : undefined,
      to: to ? to.format('YYYY-MM-DD') : undefined,
    });
  };

  const onVerify = async () => {
    setVerifying(true);
    try {
      setChain(await verifyAuditChain());
    } catch (error) {
      report(error);
    } finally {
      setVerifying(false);
    }
  };

  const columns: TableColumnsType<AuditEvent> = [
    { title: '序号', dataIndex: 'seq', key: 'seq', width: 80 },
    { title: '时间', dataIndex: 'at', key: 'at', width: 170, render: (v: string) => formatDateTime(v) },
    { title: '操作人', dataIndex: 'actorName', key: 'actorName', width: 120, render: (v: string | null) => v ?? '系统' },
    { title: '操作', dataIndex: 'action', key: 'action', width: 180, render: (v: string) => <Typography.Text code>{v}</Typography.Text> },
    {
      title: '对象', key: 'subject', width: 160,
      render: (_, e) => <span>{e.subjectType}{e.subjectId ? <Typography.Text type="secondary" style={{ fontSize: 12 }}> {shortHash(e.subjectId)}</Typography.Text> : null}</span>,
    },
    { title: '摘要', dataIndex: 'summary', key: 'summary' },
    { title: '哈希', dataIndex: 'hash', key: 'hash', width: 140, render: (v: string) => <Typography.Text code title={v}>{shortHash(v)}</Typography.Text> },
  ];

  return (
    <Card
      title={<h1 style={{ fontSize: 18, margin: 0 }}>审计日志</h1>}
      extra={<Button icon={<SafetyCertificateOutlined />} loading={verifying} onClick={() => void onVerify()}>校验审计链</Button>}
    >
      {chain && (
        <Alert
          role="status"
          style={{ marginBottom: 16 }}
          showIcon
          closable={{ onClose: () => setChain(null), 'aria-label': '关闭' }}
          type={chain.ok ? 'success' : 'error'}
          title={chain.ok ? `审计链完整：共 ${chain.rows} 条记录，逐条哈希校验通过。` : `审计链校验失败：共 ${chain.rows} 条记录，自第 ${chain.firstBrokenSeq ?? '?'} 条起不一致。`}
          description={chain.ok ? undefined : (chain.reason ?? '请立即报告系统管理员并保全数据库。')}
        />
      )}
      <Form<FilterValues> form={form} layout="inline" onFinish={onFilter} style={{ marginBottom: 16, rowGap: 8 }}>
        <Form.Item label="操作" name="action">
          <AutoComplete
            placeholder="如 user.create"
            allowClear
            style={{ width: 200 }}
            options={[...seen.actions].sort().map((value) => ({ value }))}
            showSearch={{ filterOption: (input, option) => (option?.value ?? '').includes(input) }}
          />
        </Form.Item>
        <Form.Item label="对象类型" name="subjectType">
          <AutoComplete
            placeholder="如 user"
            allowClear
            style={{ width: 140 }}
            options={[...seen.subjectTypes].sort().map((value) => ({ value }))}
            showSearch={{ filterOption: (input, option) => (option?.value ?? '').includes(input) }}
          />
        </Form.Item>
        <Form.Item label="日期" name="range">
          <DatePicker.RangePicker allowEmpty={[true, true]} />
        </Form.Item>
        <Form.Item>
          <Space>
            <Button type="primary" htmlType="submit" icon={<SearchOutlined />}>查询</Button>
            <Button onClick={() => { form.resetFields(); onFilter({}); }}>重置</Button>
            <Button icon={<ReloadOutlined />} onClick={() => void load(query)} aria-label="刷新" />
          </Space>
        </Form.Item>
      </Form>
      <Table<AuditEvent>
        rowKey="seq"
        size="middle"
        columns={columns}
        dataSource={data?.items ?? []}
        loading={loading}
        scroll={{ x: 1000 }}
        expandable={{
          expandedRowRender: (e) => (
            <Space orientation="vertical" size={4} style={{ width: '100%' }}>
              <Typography.Text type="secondary">前一哈希：<Typography.Text code copyable>{e.prevHash}</Typography.Text></Typography.Text>
              <Typography.Text type="secondary">本条哈希：<Typography.Text code copyable>{e.hash}</Typography.Text></Typography.Text>
              {e.subjectId && <Typography.Text type="secondary">对象标识：<Typography.Text code>{e.subjectId}</Typography.Text></Typography.Text>}
              {e.changes && (
                <pre style={{ margin: 0, padding: 8, background: '#fafafa', maxHeight: 240, overflow: 'auto', fontSize: 12 }}>
                  {JSON.stringify(e.changes, null, 2)}
                </pre>
              )}
            </Space>
          ),
        }}
        pagination={{
          current: query.page,
          pageSize: query.pageSize,
          total: data?.total ?? 0,
          showSizeChanger: true,
          pageSizeOptions: [20, 50, 100, 200],
          showTotal: (total) => `共 ${total} 条`,
          onChange: (page, pageSize) => setQuery((prev) => ({ ...prev, page: pageSize === prev.pageSize ? page : 1, pageSize })),
        }}
      />
    </Card>
  );
}
