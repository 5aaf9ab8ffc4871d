import { useState, type FormEvent } from 'react';
import {
  entityResultsDownloadUrl, fetchEntityResults, fetchPublicResults, publicResultsDownloadUrl, type PublicEntityResults, type PublicPage,
  type PublicResult,
} from '../api/public.ts';
import { LoadState, useLoad } from './portal-lists.tsx';

/**
 * 抽查结果: published results by entity name or USCC, with the field set of 国家企业信用信息
 * 公示系统, each correction's reason and the follow-up status; every listing downloadable as
 * CSV and JSON. Only what the public presenter outputs is shown (no officer or representative
 * names).
 */
export function ResultsView() {
  const [draft, setDraft] = useState('');
  const [q, setQ] = useState('');
  const [hint, setHint] = useState('');
  const state = useLoad<PublicPage<PublicResult> | null>(
    () => (q ? fetchPublicResults({ q, pageSize: 100 }) : Promise.resolve(null)), q,
  );
  const onSubmit = (event: FormEvent) => {
    event.preventDefault();
    const text = draft.trim();
    if (text.length < 2) {
      setHint('请至少输入 2 个字：企业名称的一部分，或 18 位统一社会信用代码');
      return;
    }
    setHint('');
    setQ(text);
  };
  return (
    <section aria-labelledby="page-title">
      <h1 id="page-title">抽查结果</h1>
      <p>抽查结果自检查结束之日起 20 个工作日内公示。更正以新版本发布，原结果与更正理由一并保留。</p>
      <form role="search" className="search" onSubmit={onSubmit} noValidate>
        <label htmlFor="result-search">企业名称或统一社会信用代码</label>
        <input id="result-search" type="search" value={draft} maxLength={100} aria-describedby={hint ? 'result-hint' : undefined}
          onChange={(e) => setDraft(e.target.value)} />
        <button type="submit">查询</button>
      </form>
      {hint && <p id="result-hint" role="alert" className="error">{hint}</p>}
      {q && <LoadState state={state} />}
      {q && state.status === 'ok' && state.value && (
        <>
          <p role="status" data-testid="results-total">共 {state.value.total} 条结果（查询“{q}”）</p>
          <p className="downloads">
            下载：<a href={publicResultsDownloadUrl(q, 'csv')} download>CSV</a> · <a href={publicResultsDownloadUrl(q, 'json')}>JSON</a>
          </p>
          {state.value.items.length > 0 && <ResultTable results={state.value.items} withEntity />}
        </>
      )}
    </section>
  );
}

export function EntityResultsView({ entityKey }: { entityKey: string }) {
  const state = useLoad<PublicEntityResults>(() => fetchEntityResults(entityKey), entityKey);
  return (
    <section aria-labelledby="page-title">
      <p><a href="#/results">← 返回查询</a></p>
      <LoadState state={state} />
      {state.status === 'ok' && (
        <>
          <h1 id="page-title">{state.value.entity.name}</h1>
          <p className="muted">统一社会信用代码：{state.value.entity.uscc ?? '—'}（对象代码 {state.value.entity.key}）</p>
          <p className="downloads">
            下载：<a href={entityResultsDownloadUrl(entityKey, 'csv')} download>CSV</a> · <a href={entityResultsDownloadUrl(entityKey, 'json')}>JSON</a>
          </p>
          {state.value.results.length === 0 ? <p>暂无已公示的抽查结果。</p> : state.value.results.map((r) => <ResultDetail key={`${r.taskCode}-${r.version}`} result={r} />)}
        </>
      )}
    </section>
  );
}

function ResultTable({ results, withEntity }: { results: PublicResult[]; withEntity: boolean }) {
  return (
    <div className="table-wrap">
      <table>
        <caption className="visually-hidden">抽查结果</caption>
        <thead>
          <tr>
            {withEntity && <th scope="col">检查对象</th>}
            <th scope="col">抽查计划 / 任务</th><th scope="col">抽查类型</th><th scope="col">检查机关</th>
            <th scope="col">完成日期</th><th scope="col">检查结果</th><th scope="col">公示日期</th><th scope="col">后续处置</th>
          </tr>
        </thead>
        <tbody>
          {results.map((r) => (
            <tr key={`${r.entityKey}-${r.taskCode}`}>
              {withEntity && <td><a href={`#/results/${encodeURIComponent(r.entityKey)}`}>{r.entityName}</a><br /><span className="muted code">{r.uscc ?? r.entityKey}</span></td>}
              <td>{r.planName ?? '临时任务'}<br /><span className="muted">{r.taskCode} {r.taskName}</span></td>
              <td>{r.inspectionType}</td>
              <td>{r.inspectingBody}</td>
              <td>{r.completedOn}</td>
              <td>{r.result}{r.version > 1 && <><br /><span className="badge">已更正（第 {r.version} 版）</span></>}</td>
              <td>{r.publishedOn}</td>
              <td>{r.followUpStatus ?? '—'}</td>
            </tr>
          ))}
        </tbody>
      </table>
    </div>
  );
}

function ResultDetail({ result }: { result: PublicResult }) {
  return (
    <article className="result" aria-labelledby={`result-${result.taskCode}`}>
      <h2 id={`result-${result.taskCode}`}>{result.taskCode} {result.taskName}</h2>
      <dl className="facts">
        <div><dt>抽查计划</dt><dd>{result.planName ?? '临时任务'}{result.planYear ? `（${result.planYear} 年）` : ''}</dd></div>
        <div><dt>抽查类型</dt><dd>{result.inspectionType}</dd></div>
        <div><dt>检查机关</dt><dd>{result.inspectingBody}</dd></div>
        <div><dt>完成日期</dt><dd>{result.completedOn}</dd></div>
        <div><dt>检查结果</dt><dd>{result.result}</dd></div>
        <div><dt>公示日期</dt><dd>{result.publishedOn}（第 {result.version} 版）</dd></div>
        {result.remarks && <div><dt>备注</dt><dd>{result.remarks}</dd></div>}
        <div><dt>后续处置</dt><dd>{result.followUpStatus ?? '无需后续处置'}</dd></div>
      </dl>
      {result.itemResults.length > 0 && (
        <table>
          <caption>逐项检查结果</caption>
          <thead><tr><th scope="col">事项编码</th><th scope="col">抽查事项</th><th scope="col">结果</th></tr></thead>
          <tbody>{result.itemResults.map((i) => <tr key={i.code}><td className="code">{i.code}</td><td>{i.name}</td><td>{i.result}</td></tr>)}</tbody>
        </table>
      )}
      {result.corrections.length > 0 && (
        <>
          <h3>更正记录</h3>
          <ol className="corrections">
            {result.corrections.map((c) => (
              <li key={c.version}>第 {c.version} 版（{c.publishedOn} 公示）：{c.result}{c.reason ? `；更正理由：${c.reason}` : ''}</li>
            ))}
          </ol>
        </>
      )}
    </article>
  );
}
