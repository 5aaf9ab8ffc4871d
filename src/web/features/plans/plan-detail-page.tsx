import { useCallback, useEffect, useState } from 'react';
import { App, Alert, Breadcrumb, Button, Card, Col, Descriptions, Form, Input, Modal, Result, Row, Space, Spin, Tabs, Tooltip } from 'antd';
import { CheckOutlined, DownloadOutlined, EditOutlined, SendOutlined, GlobalOutlined } from '@ant-design/icons';
import { Link, useParams } from 'react-router';
import type { Plan } from '../../../contracts/plans.ts';
import { ApiError } from '../../api/client.ts';
import { getPlan, planExportUrl, revisePlan, transitionPlan, type PlanTransition } from '../../api/plans.ts';
import { useCurrentUser } from '../../app/session-context.tsx';
import { formatDateTime } from '../../components/format.ts';
import { useProblemReporter } from '../../components/problem.ts';
import { PlanCoveragePanel } from './plan-coverage-panel.tsx';
import { PlanEditor } from './plan-editor.tsx';
import { planActions, planStatusColors, planStatusLabel, publicationLabel } from './plan-format.ts';
import { ContrastTag } from '../../components/contrast-tag.tsx';
import { PlanLinesTable, PlanVersions } from './plan-versions.tsx';

const transitionTexts: Record<PlanTransition, { verb: string; confirm: string; done: string }> = {
  submit: { verb: '报审', confirm: '报审后计划不能再修改，待领导批准。确定报审？', done: '已报审，待领导批准' },
  approve: { verb: '批准', confirm: '批准后由编制部门向社会公开。确定批准？', done: '已批准' },
  publish: { verb: '公开', confirm: '公开后计划在门户网站展示，之后只能通过“计划调整”修改。确定公开？', done: '已公开，门户网站可见' },
};

function ReviseModal({ plan, open, onClose, onDone }: { plan: Plan; open: boolean; onClose: () => void; onDone: (plan: Plan) => void }) {
  const [form] = Form.useForm<{ reason: string }>();
  const [saving, setSaving] = useState(false);
  const report = useProblemReporter();
  const onOk = async () => {
    const v = await form.validateFields();
    setSaving(true);
    try {
      onDone(await revisePlan(plan.id, v.reason.trim()));
    } catch (error) {
      report(error, form, ['reason']);
    } finally {
      setSaving(false);
    }
  };
  return (
    <Modal open={open} title="计划调整" okText="发起调整" cancelText="取消" confirmLoading={saving} destroyOnHidden
      onOk={() => { onOk().catch(() => undefined); }} onCancel={onClose}>
      <Alert type="info" showIcon style={{ marginBottom: 12 }}
        title={`将以第 ${plan.currentVersion} 版为基础形成第 ${plan.currentVersion + 1} 版（编制中），修改后须重新报审、批准并公开；原版本保留并在门户网站可查。`} />
      <Form form={form} layout="vertical" preserve={false}>
        <Form.Item label="调整原因" name="reason" rules={[{ required: true, whitespace: true, message: '请填写计划调整原因' }, { min: 2, message: '请填写计划调整原因' }, { max: 2000 }]}>
          <Input.TextArea autoSize={{ minRows: 3, maxRows: 6 }} />
        </Form.Item>
      </Form>
    </Modal>
  );
}

export function PlanDetailPage() {
  const { id = '' } = useParams();
  const me = useCurrentUser();
  const report = useProblemReporter();
  const { message, modal } = App.useApp();
  const [plan, setPlan] = useState<Plan | null>(null);
  const [missing, setMissing] = useState(false);
  const [coverageKey, setCoverageKey] = useState(0);
  const [revising, setRevising] = useState(false);
  const [busy, setBusy] = useState<PlanTransition | null>(null);
  const [unsaved, setUnsaved] = useState(false);

  const load = useCallback(async () => {
    try {
      setPlan(await getPlan(id));
    } catch (error) {
      if (error instanceof ApiError && error.status === 404) setMissing(true);
      else report(error);
    }
  }, [id, report]);
  useEffect(() => { void load(); }, [load]);

  const changed = useCallback((next: Plan) => {
    setPlan(next);
    setCoverageKey((k) => k + 1);
  }, []);

  if (missing) return <Result status="404" title={<h1 style={{ fontSize: 24, fontWeight: 'normal', margin: 0 }}>计划不存在</h1>} extra={<Link to="/plans">返回年度抽查计划</Link>} />;
  if (!plan) return <div style={{ padding: 48, textAlign: 'center' }}><Spin /></div>;

  const actions = planActions(me, plan);
  const publication = publicationLabel(plan.publication);

  const run = (name: PlanTransition) => {
    const text = transitionTexts[name];
    modal.confirm({
      title: `${text.verb}年度抽查计划`, content: text.confirm, okText: text.verb, cancelText: '取消',
      onOk: async () => {
        setBusy(name);
        try {
          changed(await transitionPlan(plan.id, name));
          void message.success(text.done);
        } catch (error) {
          report(error);
        } finally {
          setBusy(null);
        }
      },
    });
  };

  const buttons = (
    <Space wrap>
      {actions.submit && (
        <Tooltip title={unsaved ? '计划还有未保存或未填写完整的修改，保存后才能报审' : undefined}>
          <Button type="primary" icon={<SendOutlined />} loading={busy === 'submit'} disabled={unsaved} onClick={() => run('submit')}>报审</Button>
        </Tooltip>
      )}
      {actions.approve && <Button type="primary" icon={<CheckOutlined />} loading={busy === 'approve'} onClick={() => run('approve')}>批准</Button>}
      {actions.publish && <Button type="primary" icon={<GlobalOutlined />} loading={busy === 'publish'} onClick={() => run('publish')}>公开</Button>}
      {actions.revise && <Button icon={<EditOutlined />} onClick={() => setRevising(true)}>计划调整</Button>}
      <Button icon={<DownloadOutlined />} href={planExportUrl(plan.id)} download>导出 xlsx</Button>
    </Space>
  );

  return (
    <Space orientation="vertical" size={16} style={{ width: '100%' }}>
      <Breadcrumb items={[{ title: <Link to={`/plans?year=${plan.year}`}>年度抽查计划</Link> }, { title: `${plan.department.name} ${plan.year} 年度` }]} />
      <Card title={<h1 style={{ fontSize: 18, margin: 0 }}>{plan.current.title}</h1>} extra={buttons}>
        <Descriptions size="small" column={{ xs: 1, md: 3 }} items={[
          { key: 'dept', label: '编制部门', children: plan.department.name },
          { key: 'year', label: '计划年度', children: `${plan.year} 年度` },
          { key: 'status', label: '当前版本', children: <ContrastTag color={planStatusColors[plan.current.status]}>第 {plan.currentVersion} 版 · {planStatusLabel(plan.current.status)}</ContrastTag> },
          { key: 'publication', label: '公开期限', children: <Space><ContrastTag color={publication.color}>{publication.label}</ContrastTag>{publication.detail}</Space> },
          { key: 'published', label: '已公开版本', children: plan.publishedVersion === null ? '尚未公开' : `第 ${plan.publishedVersion} 版` },
          { key: 'tasks', label: '已据此建立的抽查任务', children: `${plan.taskCount} 个` },
          ...(plan.current.reason ? [{ key: 'reason', label: '调整原因', children: plan.current.reason }] : []),
          ...(plan.current.approvedAt ? [{ key: 'approvedAt', label: '批准时间', children: formatDateTime(plan.current.approvedAt) }] : []),
          ...(plan.current.publishedAt ? [{ key: 'publishedAt', label: '公开时间', children: formatDateTime(plan.current.publishedAt) }] : []),
        ]} />
        {plan.current.status === 'submitted' && !actions.approve && (
          <Alert type="info" showIcon style={{ marginTop: 12 }} title="计划已报审，等待领导批准。" />
        )}
      </Card>
      <Row gutter={16}>
        <Col xs={24} xl={16}>
          <Card>
            <Tabs items={[
              {
                key: 'lines', label: actions.edit ? '编辑计划' : '计划内容',
                children: actions.edit
                  ? <PlanEditor plan={plan} onSaved={changed} onUnsavedChange={setUnsaved} />
                  : <PlanLinesTable lines={plan.current.lines} label={`第 ${plan.currentVersion} 版的抽查任务`} />,
              },
              { key: 'versions', label: `版本历史（${plan.versions.length}）`, children: <PlanVersions plan={plan} /> },
            ]} />
          </Card>
        </Col>
        <Col xs={24} xl={8}>
          <div style={{ position: 'sticky', top: 16 }}>
            <PlanCoveragePanel planId={plan.id} departmentName={plan.department.name} refreshKey={coverageKey} />
          </div>
        </Col>
      </Row>
      <ReviseModal plan={plan} open={revising} onClose={() => setRevising(false)}
        onDone={(next) => { setRevising(false); changed(next); void message.success(`已形成第 ${next.currentVersion} 版，请修改后重新报审`); }} />
    </Space>
  );
}
