import { useEffect, useState } from 'react';
import { fetchPublicHome, type PublicHome } from '../api/public.ts';
import { problemText } from '../components/problem-text.ts';
import { ItemsView, PlansView, TasksView } from './portal-lists.tsx';
import { EntityResultsView, ResultsView } from './portal-results.tsx';
import { pageFromHash, portalPages, subPathFromHash, type PortalPage } from './portal-pages.ts';
import { TaskView } from './portal-task.tsx';

function useHashPage(): { page: PortalPage; sub: string[] } {
  const [page, setPage] = useState(() => ({ page: pageFromHash(window.location.hash), sub: subPathFromHash(window.location.hash) }));
  useEffect(() => {
    const onChange = () => {
      setPage({ page: pageFromHash(window.location.hash), sub: subPathFromHash(window.location.hash) });
      document.getElementById('main')?.focus();
    };
    window.addEventListener('hashchange', onChange);
    return () => window.removeEventListener('hashchange', onChange);
  }, []);
  return page;
}

type HomeState = { status: 'loading' } | { status: 'error'; message: string } | { status: 'ok'; home: PublicHome };

const countLabels: ReadonlyArray<{ key: keyof PublicHome['counts']; label: string; unit: string }> = [
  { key: 'items', label: '抽查事项', unit: '项' },
  { key: 'plans', label: '抽查计划', unit: '个' },
  { key: 'tasks', label: '抽查任务', unit: '个' },
  { key: 'results', label: '公示结果', unit: '条' },
];

export function PortalApp() {
  const { page, sub } = useHashPage();
  const [state, setState] = useState<HomeState>({ status: 'loading' });

  useEffect(() => {
    fetchPublicHome()
      .then((home) => setState({ status: 'ok', home }))
      .catch((error: unknown) => setState({ status: 'error', message: problemText(error) }));
  }, []);

  const bureauName = state.status === 'ok' ? state.home.bureauName : '';
  useEffect(() => {
    const site = bureauName ? `${bureauName} · 双随机、一公开信息公开` : '双随机、一公开信息公开';
    document.title = page.key === 'home' ? site : `${sub[0] ? `${sub[0]} · ` : ''}${page.label} · ${site}`;
  }, [bureauName, page, sub]);

  return (
    <>
      <a
        className="skip-link"
        href="#main"
        onClick={(event) => {
          // The hash holds the portal's page: move focus without changing it.
          event.preventDefault();
          document.getElementById('main')?.focus();
        }}
      >
        跳到主要内容
      </a>
      <header className="site-header">
        <div className="container header-inner">
          <div>
            <p className="bureau" data-testid="bureau-name">{bureauName || '\u00a0'}</p>
            <p className="site-title">双随机、一公开 · 信息公开</p>
          </div>
          <a className="staff-login" href="/login">工作人员登录</a>
        </div>
        <nav aria-label="主导航" className="site-nav">
          <ul className="container">
            {portalPages.map((p) => (
              <li key={p.key}>
                <a href={p.key === 'home' ? '#/' : `#/${p.key}`} aria-current={p.key === page.key ? 'page' : undefined}>{p.label}</a>
              </li>
            ))}
          </ul>
        </nav>
      </header>
      <main id="main" tabIndex={-1} className="container">
        <PageView page={page} sub={sub} state={state} />
      </main>
      <footer className="site-footer">
        <div className="container">
          <p>本网站公开随机抽查的事项、计划、抽取过程与结果。抽取规则、候选名单哈希与随机种子公开，任何人都可以复核。</p>
          <p>由开源平台 随机 Suiji 提供技术支持。</p>
        </div>
      </footer>
    </>
  );
}

function PageView({ page, sub, state }: { page: PortalPage; sub: string[]; state: HomeState }) {
  if (!page.ready) return <PlannedView page={page} />;
  if (page.key === 'items') return <ItemsView />;
  if (page.key === 'plans') return <PlansView />;
  if (page.key === 'tasks') return sub[0] ? <TaskView code={sub[0]} /> : <TasksView />;
  if (page.key === 'results') return sub[0] ? <EntityResultsView entityKey={sub[0]} /> : <ResultsView />;
  return <HomeView state={state} />;
}

function HomeView({ state }: { state: HomeState }) {
  return (
    <>
      <section aria-labelledby="intro-title" className="intro">
        <h1 id="intro-title">什么是“双随机、一公开”</h1>
        <p>
          “双随机、一公开”是市场监管的基本方式：在监管过程中<strong>随机抽取检查对象</strong>，
          <strong>随机选派执法检查人员</strong>，抽查情况及查处结果<strong>及时向社会公开</strong>。
          它让检查更公平、更规范，减少对守法经营者的干扰，同时让违法者无处藏身。
        </p>
        <ul className="pillars">
          <li><h2>随机抽取检查对象</h2><p>从检查对象名录库中按公布的规则和比例抽取，不由任何人指定。</p></li>
          <li><h2>随机选派执法人员</h2><p>从执法检查人员名录库中随机匹配，依法回避，每组不少于两名执法人员。</p></li>
          <li><h2>结果及时公开</h2><p>抽查结果自检查结束之日起 20 个工作日内向社会公示，接受监督。</p></li>
        </ul>
      </section>

      <section aria-labelledby="stats-title" className="stats">
        <h2 id="stats-title">公开信息概览</h2>
        {state.status === 'loading' && <p role="status">正在加载…</p>}
        {state.status === 'error' && <p role="alert" className="error">暂时无法获取公开数据：{state.message}</p>}
        {state.status === 'ok' && (
          <dl className="stat-list">
            {countLabels.map(({ key, label, unit }) => (
              <div key={key} className="stat">
                <dt>{label}</dt>
                <dd><span className="stat-value" data-testid={`count-${key}`}>{state.home.counts[key]}</span> {unit}</dd>
              </div>
            ))}
          </dl>
        )}
      </section>

      <section aria-labelledby="browse-title">
        <h2 id="browse-title">查阅公开信息</h2>
        <ul className="browse-list">
          {portalPages.filter((p) => p.key !== 'home').map((p) => (
            <li key={p.key}>
              <a href={`#/${p.key}`}>{p.label}</a>
              <p>{p.description}</p>
            </li>
          ))}
        </ul>
      </section>

      {state.status === 'ok' && state.home.departments.length > 0 && (
        <section aria-labelledby="departments-title">
          <h2 id="departments-title">参与抽查的部门</h2>
          <ul className="departments">
            {state.home.departments.map((d) => <li key={d.name}>{d.name}</li>)}
          </ul>
        </section>
      )}
    </>
  );
}

function PlannedView({ page }: { page: PortalPage }) {
  return (
    <section aria-labelledby="page-title" className="planned">
      <h1 id="page-title">{page.label}</h1>
      <p className="badge">建设中</p>
      <p>本栏目正在建设中，上线后将{page.description}</p>
      <p><a href="#/">返回首页</a></p>
    </section>
  );
}
