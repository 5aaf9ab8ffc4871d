import { useEffect, useState, type FormEvent } from 'react';
import { verificationMethodLabels, type VerificationMethod } from '../../domain/result/result-codes.ts';
import {
  fetchPublicItems, fetchPublicPlans, fetchPublicTasks, type PublicItem, type PublicPage, type PublicPlan, type PublicTask,
} from '../api/public.ts';
import { problemText } from '../components/problem-text.ts';
import { planChanges } from './plan-changes.ts';

export type Load<T> = { status: 'loading' } | { status: 'error'; message: string } | { status: 'ok'; value: T };

/** Loads once per change of `key`; a stale answer (the key changed meanwhile) is dropped. */
export function useLoad<T>(load: () => Promise<T>, key: string): Load<T> {
  const [state, setState] = useState<{ key: string; load: Load<T> }>({ key, load: { status: 'loading' } });
  useEffect(() => {
    let live = true;
    load()
      .then((value) => { if (live) setState({ key, load: { status: 'ok', value } }); })
      .catch((error: unknown) => { if (live) setState({ key, load: { status: 'error', message: problemText(error) } }); });
    return () => { live = false; };
    // `load` is a fresh closure on each render; `key` says when it means something else.
  }, [key]);
  return state.key === key ? state.load : { status: 'loading' };
}

export function LoadState({ state }: { state: Load<unknown> }) {
  if (state.status === 'loading') return <p role="status">正在加载…</p>;
  if (state.status === 'error') return <p role="alert" className="error">暂时无法获取公开数据：{state.message}</p>;
  return null;
}

export const ratioText = (bp: number) => `${(bp / 100).toString()}%`;
export const dateText = (iso: string | null) => (iso ? iso.slice(0, 10) : '—');

// ——— 抽查事项清单 ———

const categoryLabels: Record<string, string> = { key: '重点检查事项', general: '一般检查事项' };
const levelLabels: Record<string, string> = { province: '省级', city: '市级', county: '县级' };
const objectTypeLabels: Record<string, string> = {
  entity: '市场主体', vehicle: '车辆', road_project: '公路工程项目', station: '站场', vessel: '船舶', product: '产品', behavior: '行为',
};
const methodText = (m: string) => verificationMethodLabels[m as VerificationMethod] ?? m;
const PAGE_SIZE = 50;

export function ItemsView() {
  const [draft, setDraft] = useState('');
  const [query, setQuery] = useState({ q: '', page: 1 });
  const state = useLoad<PublicPage<PublicItem>>(() => fetchPublicItems({ q: query.q || undefined, page: query.page, pageSize: PAGE_SIZE }), `${query.q}|${query.page}`);
  const onSubmit = (event: FormEvent) => {
    event.preventDefault();
    setQuery({ q: draft.trim(), page: 1 });
  };
  const pages = state.status === 'ok' ? Math.max(1, Math.ceil(state.value.total / PAGE_SIZE)) : 1;
  return (
    <section aria-labelledby="page-title">
      <h1 id="page-title">抽查事项清单</h1>
      <p>本部门依法开展随机抽查的事项：抽查依据、抽查主体、抽查对象、抽查内容和抽查方式。重点检查事项按规定比例和频次抽查，一般检查事项按计划抽查。</p>
      <p className="downloads">开放数据下载：<a href="/api/v1/public/items?format=csv" download>CSV</a> · <a href="/api/v1/public/items">JSON</a></p>
      <form role="search" className="search" onSubmit={onSubmit}>
        <label htmlFor="item-search">搜索事项</label>
        <input id="item-search" type="search" value={draft} maxLength={64} placeholder="事项名称、编码或抽查依据" onChange={(e) => setDraft(e.target.value)} />
        <button type="submit">搜索</button>
      </form>
      <LoadState state={state} />
      {state.status === 'ok' && (
        <>
          <p role="status" data-testid="items-total">共 {state.value.total} 项{query.q ? `（搜索“${query.q}”）` : ''}</p>
          {state.value.items.length > 0 && (
            <div className="table-wrap">
              <table>
                <caption className="visually-hidden">抽查事项清单</caption>
                <thead>
                  <tr>
                    <th scope="col">事项编码</th><th scope="col">抽查事项</th><th scope="col">类别</th><th scope="col">抽查依据</th>
                    <th scope="col">抽查对象</th><th scope="col">抽查方式</th><th scope="col">比例 / 频次</th><th scope="col">抽查主体</th>
                  </tr>
                </thead>
                <tbody>
                  {state.value.items.map((item) => (
                    <tr key={item.code}>
                      <td className="code">{item.code}</td>
                      <td><strong>{item.name}</strong><br /><span className="muted">{item.groupName} · {levelLabels[item.supervisionLevel] ?? item.supervisionLevel}</span><p className="muted small">{item.content}</p></td>
                      <td>{categoryLabels[item.category] ?? item.category}</td>
                      <td>{item.legalBasis}</td>
                      <td>{objectTypeLabels[item.objectType] ?? item.objectType}</td>
                      <td>{item.methods.map(methodText).join('、')}</td>
                      <td>{item.defaultRatioBp === null ? '—' : ratioText(item.defaultRatioBp)}{item.frequency ? ` / ${item.frequency}` : ''}</td>
                      <td>{item.departmentName ?? '—'}</td>
                    </tr>
                  ))}
                </tbody>
              </table>
            </div>
          )}
          {pages > 1 && (
            <nav aria-label="分页" className="pager">
              <button type="button" disabled={query.page <= 1} onClick={() => setQuery({ ...query, page: query.page - 1 })}>上一页</button>
              <span>第 {query.page} / {pages} 页</span>
              <button type="button" disabled={query.page >= pages} onClick={() => setQuery({ ...query, page: query.page + 1 })}>下一页</button>
            </nav>
          )}
        </>
      )}
    </section>
  );
}

// ——— 抽查计划 ———

function PlanLines({ plan }: { plan: PublicPlan }) {
  return (
    <div className="table-wrap">
      <table>
        <caption className="visually-hidden">{plan.title} 第 {plan.version} 版的抽查任务</caption>
        <thead><tr><th scope="col">抽查任务</th><th scope="col">抽查事项</th><th scope="col">联合部门</th><th scope="col">范围</th><th scope="col">抽查比例</th><th scope="col">实施期间</th></tr></thead>
        <tbody>
          {plan.lines.map((line) => (
            <tr key={line.name}>
              <td>{line.name}</td>
              <td>{line.items.map((i) => `${i.name}（${i.code}）`).join('；')}</td>
              <td>{line.departments.join('、') || '—'}</td>
              <td>{[...line.scope.industries, ...line.scope.focusAreas, ...line.scope.tags].join('、') || '不定向'}</td>
              <td>{ratioText(line.ratioBp)}</td>
              <td>{line.periodFrom} 至 {line.periodTo}</td>
            </tr>
          ))}
        </tbody>
      </table>
    </div>
  );
}

export function PlansView() {
  const state = useLoad(fetchPublicPlans, 'plans');
  const groups = new Map<string, PublicPlan[]>();
  if (state.status === 'ok') {
    for (const plan of state.value.items) {
      const key = `${plan.year}|${plan.department}`;
      groups.set(key, [...(groups.get(key) ?? []), plan]);
    }
  }
  const ordered = [...groups.entries()].sort(([a], [b]) => (a < b ? 1 : a > b ? -1 : 0));
  return (
    <section aria-labelledby="page-title">
      <h1 id="page-title">抽查计划</h1>
      <p>年度抽查计划经批准后向社会公开。计划调整形成新的版本并说明理由，调整前的版本一并保留公开。</p>
      <p className="downloads">开放数据下载：<a href="/api/v1/public/plans?format=csv" download>CSV</a> · <a href="/api/v1/public/plans">JSON</a></p>
      <LoadState state={state} />
      {state.status === 'ok' && ordered.length === 0 && <p>暂无已公开的抽查计划。</p>}
      {ordered.map(([key, versions]) => {
        const sorted = [...versions].sort((a, b) => b.version - a.version);
        const latest = sorted[0];
        if (!latest) return null;
        return (
          <article key={key} className="card" aria-labelledby={`plan-${latest.id}-${latest.version}`}>
            <h2 id={`plan-${latest.id}-${latest.version}`}>{latest.year} 年 · {latest.department}：{latest.title}</h2>
            <p className="muted">共 {sorted.length} 个公开版本，现行为第 {latest.version} 版。</p>
            {sorted.map((plan) => {
              const previous = versions.find((v) => v.version === plan.version - 1);
              const changes = previous ? planChanges(previous, plan) : [];
              return (
                <section key={plan.version} className="version" aria-labelledby={`plan-${plan.id}-v${plan.version}`} data-testid={`plan-${plan.id}-v${plan.version}`}>
                  <h3 id={`plan-${plan.id}-v${plan.version}`}>
                    第 {plan.version} 版 <span className={plan.superseded ? 'tag tag-muted' : 'tag'}>{plan.superseded ? '已被调整替代' : '现行'}</span>
                  </h3>
                  <p className="muted">公开日期：{dateText(plan.publishedAt)}</p>
                  {plan.reason && <p><strong>调整理由：</strong>{plan.reason}</p>}
                  {previous && (
                    <div>
                      <strong>与第 {previous.version} 版相比：</strong>
                      {changes.length === 0 ? <span>无内容变化</span> : <ul className="changes">{changes.map((c) => <li key={c}>{c}</li>)}</ul>}
                    </div>
                  )}
                  <PlanLines plan={plan} />
                </section>
              );
            })}
          </article>
        );
      })}
    </section>
  );
}

// ——— 抽查任务 ———

const taskStatusLabels: Record<string, string> = { draft: '编制中', frozen: '已冻结，待抽取', drawn: '已抽取' };

export function TasksView() {
  const state = useLoad(() => fetchPublicTasks(), 'tasks');
  return (
    <section aria-labelledby="page-title">
      <h1 id="page-title">抽查任务与抽取记录</h1>
      <p>
        抽取前公布候选名单的数量和哈希、排除情况和抽取规则；抽取后公布随机种子和完整的抽取记录。
        任何人都可以在浏览器中或用 <code>suiji verify</code> 命令重新计算，核对抽取结果。
      </p>
      <p className="downloads">开放数据下载：<a href="/api/v1/public/tasks?format=csv" download>CSV</a> · <a href="/api/v1/public/tasks">JSON</a></p>
      <LoadState state={state} />
      {state.status === 'ok' && state.value.items.length === 0 && <p>暂无已公布的抽查任务。</p>}
      {state.status === 'ok' && state.value.items.length > 0 && (
        <div className="table-wrap">
          <table>
            <caption className="visually-hidden">已公布的抽查任务</caption>
            <thead><tr><th scope="col">任务编号</th><th scope="col">任务名称</th><th scope="col">组织 / 参与部门</th><th scope="col">实施期间</th><th scope="col">状态</th></tr></thead>
            <tbody>
              {state.value.items.map((task: PublicTask) => (
                <tr key={task.code}>
                  <td className="code">{task.code}</td>
                  <td><a href={`#/tasks/${encodeURIComponent(task.code)}`}>{task.name}</a>{task.joint && <span className="tag">联合抽查</span>}</td>
                  <td>{task.organizerDepartment}{task.participatingDepartments.length > 1 ? ` / ${task.participatingDepartments.join('、')}` : ''}</td>
                  <td>{task.periodFrom} 至 {task.periodTo}</td>
                  <td>{taskStatusLabels[task.status] ?? task.status}</td>
                </tr>
              ))}
            </tbody>
          </table>
        </div>
      )}
    </section>
  );
}
