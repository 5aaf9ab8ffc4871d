import { useState, type FormEvent } from 'react';
import type { QuotaRule } from '../../domain/draw/types.ts';
import {
  drawRecordUrl, fetchDrawRecordJson, fetchPublicTask, fetchPublicTicket, type PublicTaskDetail, type PublicTicket,
} from '../api/public.ts';
import { problemText } from '../components/problem-text.ts';
import { checkDrawRecord } from './record-check.ts';
import { ticketKeyOf } from './ticket-key.ts';
import { stratumLabel, verifyInBrowser, type CheckLine } from './verify-in-browser.ts';
import { dateText, LoadState, ratioText, useLoad } from './portal-lists.tsx';

type Announcement = PublicTaskDetail['draws'][number];

const drawStatusLabels: Record<string, string> = {
  frozen: '已冻结，待产生种子', seeded: '种子已产生，待抽取', running: '抽取中', completed: '已完成', failed: '抽取失败', abandoned: '已作废',
};
const seedMethodLabels: Record<string, string> = { dice: '现场掷骰子', departments: '各参与部门分别提供数字', system: '系统生成（较弱）' };
const quotaText = (q: QuotaRule) => ('count' in q ? `${q.count} 户` : `${ratioText(q.ratioBp)}（向上取整）`);
const timeText = (iso: string | null) => (iso ? iso.slice(0, 16).replace('T', ' ') : '—');

export function TaskView({ code }: { code: string }) {
  const state = useLoad(() => fetchPublicTask(code), code);
  return (
    <section aria-labelledby="page-title">
      <p><a href="#/tasks">← 返回抽查任务列表</a></p>
      {state.status !== 'ok' && <h1 id="page-title">抽查任务 {code}</h1>}
      <LoadState state={state} />
      {state.status === 'ok' && <TaskDetail task={state.value} />}
    </section>
  );
}

function TaskDetail({ task }: { task: PublicTaskDetail }) {
  const { scheme } = task;
  const quotas: [string, QuotaRule][] = scheme.strata.kind === 'single'
    ? [['ALL', scheme.strata.quota]]
    : Object.entries(scheme.strata.quotas).filter((e): e is [string, QuotaRule] => e[1] !== undefined);
  const kinds = scheme.scope.kinds.map((k) => (k === 'subject' ? '市场主体' : '非主体类对象'));
  const scope = [...kinds, ...scheme.scope.industries, ...scheme.scope.focusAreas, ...scheme.scope.regionCodes, ...scheme.scope.objectKinds, ...scheme.scope.tags];
  const draws = [...task.draws].reverse();
  return (
    <>
      <h1 id="page-title">{task.name}</h1>
      <dl className="facts">
        <div><dt>任务编号</dt><dd className="code">{task.code}</dd></div>
        <div><dt>组织部门</dt><dd>{task.organizerDepartment}</dd></div>
        <div><dt>参与部门</dt><dd>{task.participatingDepartments.join('、')}{task.joint ? '（联合抽查）' : ''}</dd></div>
        <div><dt>实施期间</dt><dd>{task.periodFrom} 至 {task.periodTo}</dd></div>
      </dl>

      <h2>抽取公告：规则</h2>
      <dl className="facts">
        <div><dt>抽查事项</dt><dd>{scheme.items.map((i) => `${i.name}（${i.code}）`).join('；')}</dd></div>
        <div><dt>抽查范围</dt><dd>{scope.length > 0 ? scope.join('、') : '不定向（全部检查对象）'}</dd></div>
        <div><dt>抽取比例</dt><dd>{quotas.map(([name, q]) => `${stratumLabel(name)}：${quotaText(q)}`).join('；')}</dd></div>
        <div>
          <dt>排除规则</dt>
          <dd>
            排除{scheme.exclusions.excludedStatuses.length > 0 ? '注销、吊销、迁出、停业等状态的对象' : '无状态限制'}
            {scheme.exclusions.inspectedWithinDays !== null && `；${scheme.exclusions.inspectedWithinDays} 天内已被抽查的对象`}
            {scheme.exclusions.yearlyCap !== null && `；本年度已被抽查 ${scheme.exclusions.yearlyCap} 次的对象`}
            {scheme.exclusions.classANotAgainSameYear && '；本年度已被抽查的 A 类对象'}
          </dd>
        </div>
        <div>
          <dt>检查组</dt>
          <dd>
            每组 {scheme.teamSize} 名执法人员
            {scheme.requiredDepartments.length > 0 && `，须有 ${scheme.requiredDepartments.join('、')} 的人员`}
            {scheme.requiredTags.length > 0 && `，须具备 ${scheme.requiredTags.join('、')} 专长`}；依法回避
          </dd>
        </div>
      </dl>

      {draws.map((draw) => <DrawSection key={draw.drawId} draw={draw} />)}
    </>
  );
}

function DrawSection({ draw }: { draw: Announcement }) {
  const headingId = `draw-${draw.drawId}`;
  return (
    <section className="card" aria-labelledby={headingId} data-testid={`draw-${draw.drawId}`}>
      <h2 id={headingId}>抽取 {draw.drawId} <span className={draw.status === 'abandoned' ? 'tag tag-warn' : 'tag'}>{drawStatusLabels[draw.status] ?? draw.status}</span></h2>
      {draw.status === 'abandoned' && (
        <p className="notice" data-testid="abandon-reason"><strong>作废原因：</strong>{draw.abandonReason}（{dateText(draw.abandonedAt)} 作废；本次抽取未执行，记录仍公开）</p>
      )}
      {draw.failure && <p className="notice"><strong>抽取失败：</strong>{draw.failure.message}</p>}

      <h3>抽取前公告（{timeText(draw.frozenAt)} 冻结）</h3>
      <div className="table-wrap">
        <table>
          <caption className="visually-hidden">各分层候选数量与名单哈希</caption>
          <thead><tr><th scope="col">分层</th><th scope="col">抽取比例</th><th scope="col">候选数</th><th scope="col">候选名单哈希（SHA-256）</th></tr></thead>
          <tbody>
            {draw.strata.map((s) => (
              <tr key={s.name}><td>{stratumLabel(s.name)}</td><td>{quotaText(s.quota)}</td><td>{s.n}</td><td className="hash">{s.listHash}</td></tr>
            ))}
          </tbody>
        </table>
      </div>
      <p>
        排除：{draw.exclusions.length === 0 ? '无' : draw.exclusions.map((e) => `${stratumLabel(e.stratum)} ${e.count} 户（${e.reason}）`).join('；')}。
        执法人员库中符合条件的 {draw.officerPoolSize} 人，回避关系 {draw.recusalCount} 条。
      </p>
      {(draw.status === 'frozen' || draw.status === 'seeded') && (
        <p className="notice">{draw.status === 'frozen' ? '候选名单和规则已冻结公布，随机种子将在冻结之后当众产生。' : '随机种子已产生，等待执行抽取。'}</p>
      )}
      {draw.status === 'completed' && <DrawRecordView draw={draw} />}
    </section>
  );
}

function DrawRecordView({ draw }: { draw: Announcement }) {
  const state = useLoad(() => fetchDrawRecordJson(draw.drawId), draw.drawId);
  if (state.status !== 'ok') return <LoadState state={state} />;
  const checked = checkDrawRecord(state.value);
  if (!checked.ok) return <p role="alert" className="error">抽取记录格式不正确：{checked.problem}</p>;
  const record = checked.record;
  return (
    <>
      <h3>抽取记录（{timeText(record.drawnAt)} 抽取）</h3>
      <dl className="facts">
        <div><dt>随机种子</dt><dd className="code" data-testid="seed">{record.seed}</dd></div>
        <div><dt>产生方式</dt><dd>{seedMethodLabels[record.seedMethod] ?? record.seedMethod}</dd></div>
        {record.seedContributions && (
          <div><dt>各部门数字</dt><dd>{record.seedContributions.map((c) => `${c.department}：${c.digits}`).join('；')}（按部门名称排序后依次连接）</dd></div>
        )}
        <div><dt>见证人</dt><dd>{record.witnesses.join('、') || '—'}</dd></div>
      </dl>
      <div className="table-wrap">
        <table>
          <caption className="visually-hidden">各分层抽取结果</caption>
          <thead><tr><th scope="col">分层</th><th scope="col">候选数</th><th scope="col">抽取数</th><th scope="col">截止签号</th><th scope="col">抽中的检查对象（按签号顺序）</th></tr></thead>
          <tbody>
            {record.output.strata.map((s) => (
              <tr key={s.name}>
                <td>{stratumLabel(s.name)}</td><td>{s.n}</td><td>{s.quota}</td>
                <td className="hash">{s.cutoffTicket ?? '—'}</td>
                <td className="code">{s.selected.join('、') || '—'}</td>
              </tr>
            ))}
          </tbody>
        </table>
      </div>
      {record.output.assignments && record.output.assignments.length > 0 && (
        <details>
          <summary>检查组匹配结果（{record.output.assignments.length} 组，执法人员以执法证号表示）</summary>
          <div className="table-wrap">
            <table>
              <caption className="visually-hidden">检查组匹配结果</caption>
              <thead><tr><th scope="col">检查对象</th><th scope="col">执法人员（执法证号）</th></tr></thead>
              <tbody>
                {record.output.assignments.map((a) => <tr key={a.object}><td className="code">{a.object}</td><td className="code">{a.officers.join('、')}</td></tr>)}
              </tbody>
            </table>
          </div>
        </details>
      )}
      {draw.replacements.length > 0 && (
        <>
          <h4>人员替换</h4>
          <ul data-testid="replacements">
            {draw.replacements.map((r) => (
              <li key={r.seq}>检查对象 <span className="code">{r.object}</span>：执法人员 <span className="code">{r.replaced}</span> 由 <span className="code">{r.replacement}</span> 替换（按标准顺序的下一位符合条件者）。原因：{r.reason}</li>
            ))}
          </ul>
        </>
      )}
      <p className="actions">
        <a className="button-link" href={drawRecordUrl(draw.drawId)} download={`${draw.drawId}.record.json`}>下载抽取记录（JSON）</a>
        <span className="muted">下载后可用 <code>suiji verify {draw.drawId}.record.json</code> 或规范中的脚本复核。</span>
      </p>
      <VerifyPanel draw={draw} />
      <TicketCheck drawId={draw.drawId} />
    </>
  );
}

type VerifyState = { status: 'idle' } | { status: 'running' } | { status: 'error'; message: string } | { status: 'done'; ok: boolean; lines: CheckLine[] };

function VerifyPanel({ draw }: { draw: Announcement }) {
  const [state, setState] = useState<VerifyState>({ status: 'idle' });
  const run = async () => {
    setState({ status: 'running' });
    try {
      // Downloaded again on purpose: the check is of the file anyone can download, not of what is on screen.
      const checked = checkDrawRecord(await fetchDrawRecordJson(draw.drawId));
      if (!checked.ok) {
        setState({ status: 'done', ok: false, lines: [{ label: '记录格式（suiji-draw-v1）', ok: false, detail: checked.problem }] });
        return;
      }
      const lines = verifyInBrowser(checked.record, draw);
      setState({ status: 'done', ok: lines.every((l) => l.ok), lines });
    } catch (error) {
      setState({ status: 'error', message: problemText(error) });
    }
  };
  return (
    <section className="verify" aria-labelledby={`verify-${draw.drawId}`}>
      <h3 id={`verify-${draw.drawId}`}>核验抽取结果</h3>
      <p>点击下方按钮，浏览器将下载抽取记录，用与服务器相同的公开算法重新计算，逐项核对。</p>
      <button type="button" onClick={() => { void run(); }} disabled={state.status === 'running'}>在浏览器中验证</button>
      <div role="status" aria-live="polite">
        {state.status === 'running' && <p>正在重新计算…</p>}
        {state.status === 'error' && <p className="error">无法完成验证：{state.message}</p>}
        {state.status === 'done' && (
          <>
            <p className={state.ok ? 'result-ok' : 'result-fail'} data-testid="verify-result">
              {state.ok ? '验证通过：抽取结果与公开的种子和规则重新计算的结果完全一致。' : '验证未通过：以下项目与重新计算的结果不一致。'}
            </p>
            <ul className="checks">
              {state.lines.map((line, i) => (
                <li key={i} className={line.ok ? 'check-ok' : 'check-fail'}>
                  <strong>{line.ok ? '✓ 通过' : '✗ 未通过'}</strong> {line.label}：<span className="break">{line.detail}</span>
                </li>
              ))}
            </ul>
          </>
        )}
      </div>
    </section>
  );
}

type TicketState = { status: 'idle' } | { status: 'loading' } | { status: 'invalid'; message: string } | { status: 'error'; message: string } | { status: 'ok'; ticket: PublicTicket };

function TicketCheck({ drawId }: { drawId: string }) {
  const [value, setValue] = useState('');
  const [state, setState] = useState<TicketState>({ status: 'idle' });
  const inputId = `ticket-${drawId}`;
  const onSubmit = async (event: FormEvent) => {
    event.preventDefault();
    const key = ticketKeyOf(value);
    if (!key.ok) {
      setState({ status: 'invalid', message: key.message });
      return;
    }
    setState({ status: 'loading' });
    try {
      setState({ status: 'ok', ticket: await fetchPublicTicket(drawId, key.key) });
    } catch (error) {
      setState({ status: 'error', message: problemText(error) });
    }
  };
  return (
    <section className="ticket" aria-labelledby={`${inputId}-title`}>
      <h3 id={`${inputId}-title`}>签号查询</h3>
      <p>输入企业的统一社会信用代码（或其他检查对象的编号），查询其在本次抽取中的签号、所在分层的截止签号以及是否被抽中。签号不大于截止签号即被抽中。</p>
      <form onSubmit={(e) => { void onSubmit(e); }} noValidate>
        <label htmlFor={inputId}>统一社会信用代码或对象编号</label>
        <input
          id={inputId} value={value} maxLength={80} autoComplete="off" spellCheck={false}
          aria-invalid={state.status === 'invalid'} aria-describedby={state.status === 'invalid' ? `${inputId}-error` : undefined}
          onChange={(e) => setValue(e.target.value)}
        />
        <button type="submit" disabled={state.status === 'loading'}>查询</button>
      </form>
      <div role="status" aria-live="polite" data-testid="ticket-result">
        {state.status === 'loading' && <p>正在查询…</p>}
        {state.status === 'invalid' && <p id={`${inputId}-error`} className="error">{state.message}</p>}
        {state.status === 'error' && <p className="error">{state.message}</p>}
        {state.status === 'ok' && (
          <dl className="facts">
            <div><dt>查询结果</dt><dd><strong className={state.ticket.drawn ? 'result-ok' : ''}>{state.ticket.drawn ? '已抽中' : '未抽中'}</strong></dd></div>
            <div><dt>检查对象</dt><dd className="code">{state.ticket.key}</dd></div>
            <div><dt>所在分层</dt><dd>{stratumLabel(state.ticket.stratum)}（候选 {state.ticket.n} 户，抽取 {state.ticket.quota} 户；签号排名第 {state.ticket.rank}）</dd></div>
            <div><dt>签号</dt><dd className="hash">{state.ticket.ticket}</dd></div>
            <div><dt>分层截止签号</dt><dd className="hash">{state.ticket.cutoffTicket ?? '—（本分层未抽取）'}</dd></div>
          </dl>
        )}
      </div>
    </section>
  );
}
