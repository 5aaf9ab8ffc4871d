import { useCallback, useEffect, useState } from 'react';
import { Alert, App, Button, Card, Descriptions, Empty, Progress, Space, Spin, Table, Typography } from 'antd';
import { Link } from 'react-router';
import { drawStatusLabels, type Draw, type DrawStatus, type Task } from '../../../contracts/tasks.ts';
import { confirmDraw, freezeTask, getDraw, jointRecordPagePath, portalTaskUrl, publicRecordUrl, runDraw } from '../../api/draws.ts';
import { hasAnyRole, useCurrentUser } from '../../app/session-context.tsx';
import { formatDateTime } from '../../components/format.ts';
import { useProblemReporter } from '../../components/problem.ts';
import { AbandonDrawModal, ReplaceOfficerModal } from './draw-actions.tsx';
import { ContrastTag } from '../../components/contrast-tag.tsx';
import { confirmationLabel, exclusionTotals, groupDigits, quotaLabel, strataResults, teamRows } from './draw-helpers.ts';
import { SeedCeremonyModal } from './seed-ceremony-modal.tsx';

/** How often the panel asks for the draw while the job runs (the server keeps answering meanwhile). */
const POLL_MS = 800;

const statusColors: Record<DrawStatus, string> = {
  frozen: 'blue', seeded: 'cyan', running: 'processing', completed: 'green', failed: 'red', abandoned: 'default',
};
const seedMethodLabels = { dice: '掷骰子', departments: '各部门提供数字', system: '系统生成' } as const;
const mono = { fontFamily: 'ui-monospace, Consolas, monospace', fontSize: 12, wordBreak: 'break-all' } as const;
const toneColors = { success: 'green', warning: 'orange', error: 'red', processing: 'blue' } as const;

function SectionTitle({ children }: { children: string }) {
  return <h3 style={{ fontSize: 16, margin: 0 }}>{children}</h3>;
}

/** The frozen inputs as announced: counts, quotas, list hashes, exclusions, officer pool and team rules. */
function Announcement({ draw }: { draw: Draw }) {
  const total = draw.strata.reduce((n, s) => n + s.n, 0);
  return (
    <Card size="small" title={<SectionTitle>{`抽取公告（冻结于 ${formatDateTime(draw.frozenAt)}）`}</SectionTitle>}>
      <Descriptions size="small" column={{ xs: 1, md: 3 }}>
        <Descriptions.Item label="抽取编号">{draw.drawId}</Descriptions.Item>
        <Descriptions.Item label="候选对象">{total} 户</Descriptions.Item>
        <Descriptions.Item label="执法人员库">{draw.officerPoolSize} 人（回避 {draw.recusalCount} 条）</Descriptions.Item>
        <Descriptions.Item label="检查组人数">{draw.teamSize} 人</Descriptions.Item>
        <Descriptions.Item label="必须参加的部门">{draw.requiredDepartments.join('、') || '不限'}</Descriptions.Item>
        <Descriptions.Item label="必备标签">{draw.requiredTags.join('、') || '无'}</Descriptions.Item>
      </Descriptions>
      <Table
        size="small" rowKey="name" pagination={false} dataSource={draw.strata} style={{ marginTop: 8 }}
        columns={[
          { title: '分层', dataIndex: 'name', width: 80 },
          { title: '抽取比例/数量', render: (_, s) => quotaLabel(s.quota), width: 120 },
          { title: '候选数', dataIndex: 'n', width: 90 },
          { title: '名单哈希（SHA-256）', dataIndex: 'listHash', render: (h: string) => <span style={mono}>{h}</span> },
        ]}
      />
      <Typography.Paragraph style={{ marginTop: 12, marginBottom: 4 }} strong>排除对象（冻结前按排除规则剔除，不是候选）</Typography.Paragraph>
      {draw.exclusions.length === 0 ? <Typography.Text type="secondary">无</Typography.Text> : (
        <ul style={{ margin: 0 }}>
          {exclusionTotals(draw.exclusions).map((e) => (
            <li key={e.reason}>{e.reason}：{e.count} 户（分层 {e.strata.join('、')}）</li>
          ))}
        </ul>
      )}
      {draw.unplanned.length > 0 && (
        <Typography.Paragraph type="secondary" style={{ marginTop: 8, marginBottom: 0 }}>
          未设抽取比例的分层：{draw.unplanned.map((u) => `${u.stratum} ${u.count} 户`).join('，')}（公告但不参加抽取）
        </Typography.Paragraph>
      )}
    </Card>
  );
}

function SeedInfo({ draw }: { draw: Draw }) {
  if (!draw.seed) return null;
  return (
    <Card size="small" title={<SectionTitle>随机种子</SectionTitle>}>
      <div style={{ fontFamily: 'ui-monospace, Consolas, monospace', fontSize: 28, fontWeight: 700, letterSpacing: 2 }} data-testid="draw-seed">{groupDigits(draw.seed)}</div>
      <Descriptions size="small" column={{ xs: 1, md: 3 }} style={{ marginTop: 8 }}>
        <Descriptions.Item label="产生方式">
          {draw.seedMethod ? seedMethodLabels[draw.seedMethod] : '—'}
          {draw.seedMethod === 'system' && <ContrastTag color="orange" style={{ marginLeft: 8 }}>系统生成，公信力较弱</ContrastTag>}
        </Descriptions.Item>
        <Descriptions.Item label="见证人">{draw.witnesses.join('、') || '—'}</Descriptions.Item>
        <Descriptions.Item label="产生时间">{formatDateTime(draw.seededAt)}</Descriptions.Item>
      </Descriptions>
      {draw.seedContributions && (
        <Typography.Paragraph style={{ marginBottom: 0 }}>
          各部门数字（按部门名称顺序拼接）：{draw.seedContributions.map((c) => `${c.department} ${c.digits}`).join('；')}
        </Typography.Paragraph>
      )}
    </Card>
  );
}

interface ResultsProps {
  draw: Draw;
  canManage: boolean;
  onReplace: (object: string) => void;
}

function Results({ draw, canManage, onReplace }: ResultsProps) {
  const strata = strataResults(draw);
  const teams = teamRows(draw);
  const officerName = new Map(draw.teams.flatMap((t) => t.officers.map((o) => [o.key, o.name] as const)));
  return (
    <>
      <Card size="small" title={<SectionTitle>{`抽取结果（${formatDateTime(draw.drawnAt)}，共抽中 ${draw.output?.order.length ?? 0} 户）`}</SectionTitle>}>
        <Space orientation="vertical" style={{ width: '100%' }}>
          {strata.map((s) => (
            <div key={s.name}>
              <Typography.Text strong>分层 {s.name}：候选 {s.n} 户，抽取 {s.quota} 户</Typography.Text>
              <div style={{ margin: '2px 0 6px' }}>
                <Typography.Text type="secondary">截止签号：</Typography.Text>
                <span style={mono}>{s.cutoffTicket ?? '（本层未抽取）'}</span>
              </div>
              {s.selected.length > 0 && (
                <Table
                  size="small" rowKey="key" pagination={false} dataSource={s.selected}
                  columns={[
                    { title: '序', dataIndex: 'rank', width: 50 },
                    { title: '检查对象', render: (_, r) => r.name ?? '（名录中无此对象）', width: 240 },
                    { title: '统一社会信用代码/编码', dataIndex: 'key', width: 200, render: (k: string) => <span style={mono}>{k}</span> },
                    { title: '签号', dataIndex: 'ticket', render: (t: string) => <span style={mono}>{t}</span> },
                  ]}
                />
              )}
            </div>
          ))}
        </Space>
      </Card>
      <Card size="small" title={<SectionTitle>检查组匹配结果</SectionTitle>}>
        <Table
          size="small" rowKey="object" pagination={false} dataSource={teams} aria-label="检查组"
          columns={[
            { title: '顺序', dataIndex: 'order', width: 60 },
            { title: '检查对象', render: (_, t) => <><div>{t.objectName ?? t.object}</div><span style={mono}>{t.object}</span>（{t.stratum}）</>, width: 260 },
            {
              title: '检查组成员（姓名 / 部门 / 执法证号）',
              render: (_, t) => (
                <ul style={{ margin: 0, paddingLeft: 18 }}>
                  {t.officers.map((o) => (
                    <li key={o.key}>
                      {o.name || '（未知）'} / {o.department} / <span style={mono}>{o.key}</span>
                      {t.replacedIn.includes(o.key) && <ContrastTag color="orange" style={{ marginLeft: 6 }}>替换</ContrastTag>}
                    </li>
                  ))}
                </ul>
              ),
            },
            {
              title: '操作', width: 170,
              render: (_, t) => (
                <Space size={4} wrap>
                  <Link to={jointRecordPagePath(draw.id, t.object)}>一企一表</Link>
                  {canManage && <Button size="small" onClick={() => onReplace(t.object)} aria-label={`替换人员：${t.objectName ?? t.object}`}>替换人员</Button>}
                </Space>
              ),
            },
          ]}
        />
        {draw.replacements.length > 0 && (
          <>
            <Typography.Paragraph strong style={{ marginTop: 12, marginBottom: 4 }}>人员替换记录（公开）</Typography.Paragraph>
            <Table
              size="small" rowKey="seq" pagination={false} dataSource={draw.replacements} aria-label="人员替换记录"
              columns={[
                { title: '序号', dataIndex: 'seq', width: 60 },
                { title: '检查对象', dataIndex: 'object', render: (k: string) => <span style={mono}>{k}</span> },
                { title: '被替换', render: (_, r) => `${officerName.get(r.replaced) ?? ''} ${r.replaced}` },
                { title: '替换为', render: (_, r) => `${officerName.get(r.replacement) ?? ''} ${r.replacement}` },
                { title: '原因', dataIndex: 'reason' },
                { title: '时间', dataIndex: 'createdAt', render: (v: string) => formatDateTime(v), width: 170 },
              ]}
            />
          </>
        )}
      </Card>
    </>
  );
}

function Dispatch({ draw, onChanged }: { draw: Draw; onChanged: (draw: Draw) => void }) {
  const user = useCurrentUser();
  const report = useProblemReporter();
  const [busy, setBusy] = useState<string | null>(null);
  if (!draw.dispatch) return null;
  const { dispatch } = draw;
  const confirm = async (departmentId: string) => {
    setBusy(departmentId);
    try {
      onChanged(await confirmDraw(draw.id, departmentId));
    } catch (error) {
      report(error);
    } finally {
      setBusy(null);
    }
  };
  const mayConfirm = (departmentId: string) => user.roles.includes('system_admin') || (user.roles.includes('department_admin') && user.departmentId === departmentId);
  return (
    <Card size="small" title={<SectionTitle>{`派发确认（各参与部门于 ${dispatch.deadline} 前确认名单）`}</SectionTitle>}>
      {dispatch.anyOverdue && <Alert type="error" showIcon title="有部门逾期未确认名单" style={{ marginBottom: 8 }} />}
      <Table
        size="small" rowKey="departmentId" pagination={false} dataSource={dispatch.departments} aria-label="派发确认"
        columns={[
          { title: '参与部门', dataIndex: 'departmentName' },
          {
            title: '状态',
            render: (_, d) => {
              const label = confirmationLabel(d, dispatch.deadline, dispatch.provisional);
              return <ContrastTag color={toneColors[label.tone]}>{label.text}</ContrastTag>;
            },
          },
          {
            title: '操作', width: 120,
            render: (_, d) => (d.confirmedOn === null && mayConfirm(d.departmentId)
              ? <Button size="small" type="primary" loading={busy === d.departmentId} onClick={() => { confirm(d.departmentId).catch(() => undefined); }}>确认名单</Button>
              : null),
          },
        ]}
      />
    </Card>
  );
}

/**
 * The draw of a task (rendered on the task detail page): freeze, the seed ceremony, the draw as
 * a job (polled), the result per stratum with tickets and cutoffs, the matched teams, 作废重抽,
 * 人员替换 and dispatch; earlier abandoned draws stay listed with their reasons.
 */
export function DrawPanel({ task, onChanged }: { task: Task; onChanged: () => void }) {
  const user = useCurrentUser();
  const { modal } = App.useApp();
  const report = useProblemReporter();
  const active = task.draws.find((d) => d.status !== 'abandoned') ?? null;
  const abandoned = task.draws.filter((d) => d.status === 'abandoned');
  const [draw, setDraw] = useState<Draw | null>(null);
  const [loading, setLoading] = useState(false);
  const [busy, setBusy] = useState(false);
  const [ceremony, setCeremony] = useState(false);
  const [abandoning, setAbandoning] = useState(false);
  const [replacing, setReplacing] = useState<string | null>(null);
  const canManage = hasAnyRole(user, ['system_admin', 'department_admin']);

  const activeId = active?.id ?? null;
  useEffect(() => {
    if (!activeId) { setDraw(null); return; }
    let cancelled = false;
    setLoading(true);
    getDraw(activeId).then((d) => { if (!cancelled) setDraw(d); }).catch(report).finally(() => { if (!cancelled) setLoading(false); });
    return () => { cancelled = true; };
  }, [activeId, report]);

  // The draw runs as a job on the server: ask again while it runs, then tell the page.
  const running = draw?.status === 'running';
  const drawRowId = draw?.id;
  useEffect(() => {
    if (!running || !drawRowId) return;
    const timer = setInterval(() => {
      getDraw(drawRowId).then((d) => {
        if (d.status !== 'running') { setDraw(d); onChanged(); }
      }).catch(report);
    }, POLL_MS);
    return () => clearInterval(timer);
  }, [running, drawRowId, onChanged, report]);

  const changed = useCallback((next: Draw) => { setDraw(next); onChanged(); }, [onChanged]);

  const freeze = () => {
    modal.confirm({
      title: `冻结抽查任务 ${task.code}？`,
      content: '冻结时按范围和排除规则确定候选名单、执法人员库和检查组规则，计算名单哈希并公布抽取公告。冻结后任务不能修改；如需修改，只能作废本次抽取（仍公开）后重新冻结。',
      okText: '冻结', cancelText: '取消',
      onOk: async () => {
        try {
          changed(await freezeTask(task.id));
        } catch (error) {
          report(error);
        }
      },
    });
  };

  const start = async () => {
    if (!draw) return;
    setBusy(true);
    try {
      const next = await runDraw(draw.id);
      // Small draws may already be done when the 202 answer is built.
      if (next.status === 'running') setDraw(next);
      else changed(next);
    } catch (error) {
      report(error);
    } finally {
      setBusy(false);
    }
  };

  return (
    <section aria-label="抽取">
      <Space orientation="vertical" size="middle" style={{ width: '100%' }}>
        <Card
          title={<h2 style={{ fontSize: 18, margin: 0 }}>随机抽取</h2>}
          extra={draw && <ContrastTag color={statusColors[draw.status]}>{drawStatusLabels[draw.status]}</ContrastTag>}
        >
          {!active && (
            <Space orientation="vertical">
              <Typography.Paragraph style={{ marginBottom: 0 }}>
                {task.status === 'draft'
                  ? '任务编制完成后冻结：候选名单、执法人员库和规则随即固定并公布，之后才能产生随机种子。'
                  : '本任务没有进行中的抽取。'}
              </Typography.Paragraph>
              {canManage && task.status === 'draft' && <Button type="primary" onClick={freeze}>冻结并公布</Button>}
            </Space>
          )}
          {active && loading && !draw && <Spin />}
          {draw && (
            <Space wrap>
              {canManage && draw.status === 'frozen' && <Button type="primary" size="large" onClick={() => setCeremony(true)}>产生随机种子</Button>}
              {canManage && draw.status === 'seeded' && (
                <Button type="primary" size="large" loading={busy} onClick={() => { start().catch(() => undefined); }}>开始抽取</Button>
              )}
              {canManage && ['frozen', 'seeded', 'failed'].includes(draw.status) && <Button danger style={{ color: '#a8071a', borderColor: '#a8071a' }} onClick={() => setAbandoning(true)}>作废重抽</Button>}
              <a href={portalTaskUrl(task.code)} target="_blank" rel="noreferrer">门户公开记录</a>
              {draw.status === 'completed' && <a href={publicRecordUrl(draw.drawId)}>下载抽取记录（JSON，可用 suiji verify 核验）</a>}
            </Space>
          )}
          {running && (
            <div role="status" style={{ marginTop: 16 }}>
              <Typography.Text>正在抽取（开始于 {formatDateTime(draw.startedAt)}），完成后自动显示结果…</Typography.Text>
              <Progress percent={100} status="active" showInfo={false} />
            </div>
          )}
          {draw?.status === 'failed' && draw.failure && (
            <Alert type="error" showIcon style={{ marginTop: 16 }} title="抽取失败" description={`${draw.failure.message}（${draw.failure.code}）。请作废本次抽取，调整人员库或规则后重新冻结。`} />
          )}
        </Card>
        {draw && <Announcement draw={draw} />}
        {draw && <SeedInfo draw={draw} />}
        {draw?.status === 'completed' && <Results draw={draw} canManage={canManage} onReplace={setReplacing} />}
        {draw?.status === 'completed' && <Dispatch draw={draw} onChanged={changed} />}
        {abandoned.length > 0 && (
          <Card size="small" title={<SectionTitle>已作废的抽取（仍公开）</SectionTitle>}>
            <Table
              size="small" rowKey="id" pagination={false} dataSource={abandoned} aria-label="已作废的抽取"
              columns={[
                { title: '抽取编号', dataIndex: 'drawId' },
                { title: '冻结时间', dataIndex: 'frozenAt', render: (v: string) => formatDateTime(v) },
                { title: '作废原因', dataIndex: 'abandonReason' },
              ]}
            />
          </Card>
        )}
        {!draw && !active && abandoned.length === 0 && task.status !== 'draft' && <Empty description="暂无抽取" />}
      </Space>
      {draw && (
        <>
          <SeedCeremonyModal open={ceremony} draw={draw} task={task} onClose={() => setCeremony(false)} onSeeded={(d) => { setCeremony(false); changed(d); }} />
          <AbandonDrawModal open={abandoning} draw={draw} onClose={() => setAbandoning(false)} onDone={(d) => { setAbandoning(false); changed(d); }} />
          <ReplaceOfficerModal draw={draw} object={replacing} onClose={() => setReplacing(null)} onDone={(d) => { setReplacing(null); changed(d); }} />
        </>
      )}
    </section>
  );
}
