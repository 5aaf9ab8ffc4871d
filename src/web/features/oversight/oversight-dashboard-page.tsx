import { download } from '../../components/download.ts';
import { useCallback, useEffect, useMemo, useState } from 'react';
import {
  Alert, App, Badge, Button, Card, Col, Descriptions, Form, Input, Modal, Radio, Row, Select, Space, Statistic, Table, Tabs, Tag, Typography,
} from 'antd';
import type { TableColumnsType } from 'antd';
import { DownloadOutlined, PrinterOutlined } from '@ant-design/icons';
import dayjs from 'dayjs';
import { Link } from 'react-router';
import type { IndicatorsView } from '../../../contracts/oversight.ts';
import { riskClasses, riskClassLabels } from '../../../domain/directory/risk-class.ts';
import { formatRatio } from '../../../domain/oversight/indicators.ts';
import { formatBp } from '../../../domain/plan/coverage.ts';
import { getCallbackSummary, type CallbackSummary } from '../../api/callbacks.ts';
import {
  assessmentXlsxUrl, getAnomalies, getIndicators, getReport, reportXlsxUrl, reviewAnomaly, type AnomalyFlagView, type AnomalyList,
  type StatsIndicators, type StatsReport,
} from '../../api/oversight.ts';
import { useCurrentUser } from '../../app/session-context.tsx';
import { useProblemReporter } from '../../components/problem.ts';
import { EChart, type EChartOption } from './echart.tsx';
import { yesNo } from './indicator-format.ts';

const percent = (value: number | null) => (value === null ? null : Number((value * 100).toFixed(1)));


function BureauCards({ i }: { i: IndicatorsView }) {
  const cards = [
    { title: '抽查覆盖率', value: formatRatio(i.coverageRatio), note: `${i.inspectedEntities}/${i.directoryEntities} 户，目标 ${formatBp(i.coverageTargetBp)}`, bad: i.coverageMet === false },
    { title: '计划按时公示', value: yesNo(i.planPublishedOnTime), note: '年度抽查计划 1 月底前公示', bad: i.planPublishedOnTime === false },
    { title: '20 个工作日内公示率', value: formatRatio(i.onTimeRate), note: `${i.publishedOnTime}/${i.publishedResults} 条`, bad: i.onTimeRate !== null && i.onTimeRate < 1 },
    { title: '后续处置完结率', value: formatRatio(i.followUpClosedRate), note: `${i.followUpsClosed}/${i.followUps} 件`, bad: false },
    { title: '联合抽查占比', value: formatRatio(i.jointTaskShare), note: `${i.jointTasks}/${i.tasks} 项任务`, bad: false },
    { title: '执法人员人均检查', value: i.officerLoad.mean === null ? '—' : i.officerLoad.mean.toFixed(1), note: `${i.officerLoad.officers} 人，最多 ${i.officerLoad.max} 次`, bad: false },
  ];
  return (
    <Row gutter={[16, 16]}>
      {cards.map((c) => (
        <Col key={c.title} xs={24} sm={12} lg={8} xl={4}>
          <Card size="small">
            <Statistic title={c.title} value={c.value} valueStyle={c.bad ? { color: '#cf1322' } : undefined} />
            <Typography.Text type="secondary">{c.note}</Typography.Text>
          </Card>
        </Col>
      ))}
    </Row>
  );
}

function IndicatorCharts({ stats }: { stats: StatsIndicators }) {
  const names = stats.departments.map((d) => d.department.name);
  const target = stats.bureau?.coverageTargetBp ?? stats.departments[0]?.indicators.coverageTargetBp ?? 300;
  const coverage = useMemo<EChartOption>(() => ({
    tooltip: { trigger: 'axis', valueFormatter: (v: unknown) => (v === null || v === undefined ? '—' : `${String(v)}%`) },
    grid: { left: 48, right: 16, top: 24, bottom: 64 },
    xAxis: { type: 'category', data: names, axisLabel: { interval: 0, rotate: names.length > 4 ? 30 : 0 } },
    // The axis reaches the target, so the target line is drawn even when every department is far below it.
    yAxis: { type: 'value', name: '%', max: (extent: { max: number }) => Math.ceil(Math.max(extent.max, target / 100) * 1.2) },
    series: [{
      name: '抽查覆盖率', type: 'bar', data: stats.departments.map((d) => percent(d.indicators.coverageRatio)),
      markLine: { symbol: 'none', data: [{ yAxis: target / 100, name: '目标' }], label: { formatter: `目标 ${formatBp(target)}` } },
    }],
  }), [stats, names, target]);
  const timeliness = useMemo<EChartOption>(() => ({
    tooltip: { trigger: 'axis' },
    legend: { top: 0 },
    grid: { left: 48, right: 16, top: 36, bottom: 64 },
    xAxis: { type: 'category', data: names, axisLabel: { interval: 0, rotate: names.length > 4 ? 30 : 0 } },
    yAxis: { type: 'value', name: '%', max: 100 },
    series: [
      { name: '20 个工作日内公示率', type: 'bar', data: stats.departments.map((d) => percent(d.indicators.onTimeRate)) },
      { name: '后续处置完结率', type: 'bar', data: stats.departments.map((d) => percent(d.indicators.followUpClosedRate)) },
      { name: '联合抽查占比', type: 'bar', data: stats.departments.map((d) => percent(d.indicators.jointTaskShare)) },
    ],
  }), [stats, names]);
  const bureau = stats.bureau ?? stats.departments[0]?.indicators;
  const byClass = useMemo<EChartOption>(() => ({
    tooltip: { trigger: 'axis' },
    grid: { left: 48, right: 16, top: 24, bottom: 32 },
    xAxis: { type: 'category', data: riskClasses.map((c) => riskClassLabels[c]) },
    yAxis: { type: 'value', name: '%' },
    series: [{ name: '问题发现率', type: 'bar', data: riskClasses.map((c) => (bureau ? percent(bureau.problemFoundRateByClass[c]) : null)) }],
  }), [bureau]);
  const officers = (bureau?.officers ?? []).slice(0, 20);
  const workload = useMemo<EChartOption>(() => ({
    tooltip: { trigger: 'axis' },
    grid: { left: 72, right: 16, top: 16, bottom: 24 },
    xAxis: { type: 'value', minInterval: 1 },
    yAxis: { type: 'category', data: officers.map((o) => o.name).reverse() },
    series: [{ name: '检查次数', type: 'bar', data: officers.map((o) => o.inspections).reverse() }],
  }), [officers]);
  return (
    <Row gutter={[16, 16]}>
      <Col xs={24} lg={12}><Card size="small" title="各部门抽查覆盖率"><EChart option={coverage} label="各部门抽查覆盖率柱状图" /></Card></Col>
      <Col xs={24} lg={12}><Card size="small" title="公示及时性、处置完结与联合抽查"><EChart option={timeliness} label="各部门公示及时率、后续处置完结率和联合抽查占比柱状图" /></Card></Col>
      <Col xs={24} lg={12}><Card size="small" title="按风险等级的问题发现率"><EChart option={byClass} label="按风险等级的问题发现率柱状图" /></Card></Col>
      <Col xs={24} lg={12}><Card size="small" title="执法人员检查次数（前 20 名）"><EChart option={workload} height={Math.max(200, officers.length * 22)} label="执法人员检查次数条形图" /></Card></Col>
    </Row>
  );
}

function DepartmentTable({ stats }: { stats: StatsIndicators }) {
  const rows = [
    ...stats.departments.map((d) => ({ key: d.department.id, name: d.department.name, i: d.indicators })),
    ...(stats.bureau ? [{ key: 'bureau', name: '全局合计', i: stats.bureau }] : []),
  ];
  const columns: TableColumnsType<(typeof rows)[number]> = [
    { title: '部门', dataIndex: 'name', key: 'name' },
    { title: '覆盖率', key: 'coverage', render: (_, r) => <span>{formatRatio(r.i.coverageRatio)}{r.i.coverageMet === false ? <Tag color="red" style={{ marginLeft: 4 }}>未达标</Tag> : null}</span> },
    { title: '计划按时公示', key: 'plan', render: (_, r) => yesNo(r.i.planPublishedOnTime) },
    { title: '结果公示', key: 'published', render: (_, r) => `${r.i.publishedResults}/${r.i.results}` },
    { title: '按期公示率', key: 'onTime', render: (_, r) => formatRatio(r.i.onTimeRate) },
    { title: '处置完结率', key: 'followUps', render: (_, r) => formatRatio(r.i.followUpClosedRate) },
    { title: '联合抽查占比', key: 'joint', render: (_, r) => formatRatio(r.i.jointTaskShare) },
    ...riskClasses.map((c) => ({ title: `问题发现率 ${c}`, key: `class-${c}`, render: (_: unknown, r: (typeof rows)[number]) => formatRatio(r.i.problemFoundRateByClass[c]) })),
    { title: '人均检查', key: 'load', render: (_, r) => (r.i.officerLoad.mean === null ? '—' : r.i.officerLoad.mean.toFixed(1)) },
  ];
  // No horizontal scroll: a scrolling region without focusable content is unreachable by keyboard (axe scrollable-region-focusable).
  return <Table rowKey="key" size="small" columns={columns} dataSource={rows} pagination={false} />;
}

function CallbacksCard({ summary }: { summary: CallbackSummary | null }) {
  if (!summary) return null;
  return (
    <Card size="small" title={<Space>回访情况<Link to="/oversight/callbacks">查看回访记录</Link></Space>}>
      <Descriptions size="small" column={{ xs: 1, sm: 3, lg: 6 }}>
        <Descriptions.Item label="回访次数">{summary.total}</Descriptions.Item>
        <Descriptions.Item label="满意率">{formatRatio(summary.satisfactionRate)}</Descriptions.Item>
        <Descriptions.Item label="事先告知">{summary.announcedInAdvance}</Descriptions.Item>
        <Descriptions.Item label="未出示证件">{summary.certificatesNotShown}</Descriptions.Item>
        <Descriptions.Item label="不当要求">{summary.improperRequests}</Descriptions.Item>
        <Descriptions.Item label="需关注">{summary.concerns}</Descriptions.Item>
      </Descriptions>
    </Card>
  );
}

function AnomaliesTab({ year, list, canReview, onReviewed }: { year: number; list: AnomalyList | null; canReview: boolean; onReviewed: () => void }) {
  const { message } = App.useApp();
  const report = useProblemReporter();
  const [reviewing, setReviewing] = useState<AnomalyFlagView | null>(null);
  const [saving, setSaving] = useState(false);
  const [form] = Form.useForm<{ note: string }>();
  const columns: TableColumnsType<AnomalyFlagView> = [
    { title: '异常类型', dataIndex: 'label', key: 'label', width: 220 },
    { title: '说明', dataIndex: 'detail', key: 'detail' },
    {
      title: '相关记录', key: 'records', width: 320,
      render: (_, f) => (
        <Space direction="vertical" size={0}>
          {f.records.slice(0, 6).map((r) => (
            <Link key={r.inspectionId} to={`/inspections/${r.inspectionId}`}>{r.entityName}（{r.departmentName}，{r.taskCode}）</Link>
          ))}
          {f.records.length > 6 ? <Typography.Text type="secondary">等 {f.records.length} 条</Typography.Text> : null}
        </Space>
      ),
    },
    {
      title: '核查', key: 'review', width: 220,
      render: (_, f) => (f.review
        ? <span><Tag color="green">已核查</Tag>{f.review.reviewerName}：{f.review.note}</span>
        : canReview ? <Button size="small" onClick={() => { form.resetFields(); setReviewing(f); }}>标记已核查</Button> : <Tag color="orange">待核查</Tag>),
    },
  ];
  const submit = async () => {
    if (!reviewing) return;
    const { note } = await form.validateFields();
    setSaving(true);
    try {
      await reviewAnomaly(reviewing.id, year, note);
      void message.success('已标记为已核查');
      setReviewing(null);
      onReviewed();
    } catch (error) {
      report(error, form, ['note']);
    } finally {
      setSaving(false);
    }
  };
  return (
    <Space direction="vertical" style={{ width: '100%' }}>
      <Alert type="info" showIcon message="异常提示只用于督导核查，不影响任何业务办理。" />
      <Table rowKey="id" size="small" columns={columns} dataSource={list?.items ?? []} pagination={{ pageSize: 20 }} />
      <Modal title="标记已核查" open={reviewing !== null} onOk={() => void submit()} okText="保存" confirmLoading={saving} onCancel={() => setReviewing(null)}>
        <Typography.Paragraph>{reviewing?.label}：{reviewing?.detail}</Typography.Paragraph>
        <Form form={form} layout="vertical">
          <Form.Item name="note" label="核查说明" rules={[{ required: true, whitespace: true, message: '请填写核查说明' }]}>
            <Input.TextArea rows={4} maxLength={2000} />
          </Form.Item>
        </Form>
      </Modal>
    </Space>
  );
}

function ReportTab({ year }: { year: number }) {
  const report = useProblemReporter();
  const [kind, setKind] = useState<'year' | 'quarter' | 'month'>('quarter');
  const [part, setPart] = useState(1);
  const period = kind === 'year' ? String(year) : kind === 'quarter' ? `${year}-Q${part}` : `${year}-${String(part).padStart(2, '0')}`;
  const [data, setData] = useState<StatsReport | null>(null);
  useEffect(() => {
    let live = true;
    getReport(period).then((r) => { if (live) setData(r); }, (error: unknown) => report(error));
    return () => { live = false; };
  }, [period, report]);
  const rows = data ? [...data.departments.map((d) => ({ key: d.department.id, name: d.department.name, ...d.figures })), { key: 'bureau', name: '全局合计', ...data.bureau }] : [];
  return (
    <Space direction="vertical" style={{ width: '100%' }}>
      <Space wrap>
        <Select aria-label="统计期类型" value={kind} style={{ width: 100 }} onChange={(v) => { setKind(v); setPart(1); }}
          options={[{ value: 'year', label: '年度' }, { value: 'quarter', label: '季度' }, { value: 'month', label: '月度' }]} />
        {kind !== 'year' ? (
          <Select aria-label="统计期" value={part} style={{ width: 110 }} onChange={setPart}
            options={Array.from({ length: kind === 'quarter' ? 4 : 12 }, (_, n) => ({ value: n + 1, label: kind === 'quarter' ? `第 ${n + 1} 季度` : `${n + 1} 月` }))} />
        ) : null}
        <Button icon={<DownloadOutlined />} onClick={() => download(reportXlsxUrl(period))}>导出信息报送表</Button>
        <Typography.Text type="secondary">上级系统接口：GET /api/v1/stats/report?period={period}</Typography.Text>
      </Space>
      {data ? <Typography.Text>统计期 {data.from} 至 {data.to}；回访 {data.callbacks.total} 次，满意率 {formatRatio(data.callbacks.satisfactionRate)}</Typography.Text> : null}
      <Table rowKey="key" size="small" pagination={false} dataSource={rows} columns={[
        { title: '部门', dataIndex: 'name', key: 'name' },
        { title: '启动任务', dataIndex: 'tasksStarted', key: 'tasksStarted' },
        { title: '其中联合', dataIndex: 'jointTasksStarted', key: 'jointTasksStarted' },
        { title: '公示结果', dataIndex: 'resultsPublished', key: 'resultsPublished' },
        { title: '按期公示', dataIndex: 'resultsPublishedOnTime', key: 'resultsPublishedOnTime' },
        { title: '检查户数', dataIndex: 'entitiesInspected', key: 'entitiesInspected' },
        { title: '发现问题', dataIndex: 'problemsFound', key: 'problemsFound' },
        { title: '新增后续处置', dataIndex: 'followUpsOpened', key: 'followUpsOpened' },
      ]} />
    </Space>
  );
}

/** 督导看板: the year's indicators per department and for the bureau, anomaly flags, callbacks, assessment and reports. */
export function OversightDashboardPage() {
  const me = useCurrentUser();
  const canReview = me.roles.includes('oversight') || me.roles.includes('system_admin');
  const canReport = canReview || me.roles.includes('leader');
  const report = useProblemReporter();
  const [year, setYear] = useState(() => dayjs().year());
  const [stats, setStats] = useState<StatsIndicators | null>(null);
  const [anomalies, setAnomalies] = useState<AnomalyList | null>(null);
  const [callbacks, setCallbacks] = useState<CallbackSummary | null>(null);
  const [loading, setLoading] = useState(false);

  const load = useCallback(async () => {
    setLoading(true);
    try {
      const [s, a, c] = await Promise.all([getIndicators(year), getAnomalies(year), canReport ? getCallbackSummary(year) : Promise.resolve(null)]);
      setStats(s);
      setAnomalies(a);
      setCallbacks(c);
    } catch (error) {
      report(error);
    } finally {
      setLoading(false);
    }
  }, [year, canReport, report]);
  useEffect(() => { void load(); }, [load]);

  const bureau = stats?.bureau ?? stats?.departments[0]?.indicators ?? null;
  return (
    <Space direction="vertical" size="middle" style={{ width: '100%' }}>
      <Typography.Title level={3} style={{ margin: 0 }}>督导看板</Typography.Title>
      <Space wrap>
        {/* Four years side by side: one click, and each choice is a labelled radio for screen readers. */}
        <Typography.Text id="oversight-year-label">年度</Typography.Text>
        <Radio.Group aria-labelledby="oversight-year-label" optionType="button" value={year} onChange={(e) => setYear(Number(e.target.value))}
          options={[3, 2, 1, 0].map((d) => ({ value: dayjs().year() - d, label: `${dayjs().year() - d} 年` }))} />
        {canReport ? (
          <>
            <Button icon={<DownloadOutlined />} onClick={() => download(assessmentXlsxUrl(year))}>导出年度考核表</Button>
            <Link to={`/oversight/assessment/${year}`} target="_blank"><Button icon={<PrinterOutlined />}>打印年度考核</Button></Link>
          </>
        ) : null}
      </Space>
      <Tabs items={[
        {
          key: 'indicators', label: '考核指标',
          children: stats && bureau ? (
            <Space direction="vertical" size="middle" style={{ width: '100%' }}>
              <BureauCards i={bureau} />
              <IndicatorCharts stats={stats} />
              <DepartmentTable stats={stats} />
              <CallbacksCard summary={callbacks} />
            </Space>
          ) : <Typography.Text type="secondary">{loading ? '正在加载…' : '本年度暂无数据'}</Typography.Text>,
        },
        {
          key: 'anomalies', label: <Badge count={anomalies?.unreviewed ?? 0} size="small" offset={[8, -2]}>异常提示</Badge>,
          children: <AnomaliesTab year={year} list={anomalies} canReview={canReview} onReviewed={() => void load()} />,
        },
        ...(canReport ? [{ key: 'report', label: '信息报送', children: <ReportTab year={year} /> }] : []),
      ]} />
    </Space>
  );
}
