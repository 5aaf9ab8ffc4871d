import { useEffect, useState } from 'react';
import { Alert, Button, Space, Spin } from 'antd';
import { useParams } from 'react-router';
import { getJointRecordForm, jointRecordXlsxUrl, type JointRecordForm } from '../../api/draws.ts';
import { problemText } from '../../components/problem-text.ts';

const answers = ['是', '否', '未检查', '合理缺项'] as const;

// A4 portrait; the buttons do not print; tables keep their borders in black and rows are not split.
const printCss = `
@page { size: A4 portrait; margin: 14mm 12mm; }
.yqyb { max-width: 186mm; margin: 0 auto; padding: 16px; color: #000; background: #fff; font-size: 13px; line-height: 1.5; }
.yqyb h1 { font-size: 20px; text-align: center; margin: 0 0 4px; }
.yqyb .sub { text-align: center; margin: 0 0 12px; }
.yqyb table { width: 100%; border-collapse: collapse; margin-bottom: 12px; }
.yqyb th, .yqyb td { border: 1px solid #000; padding: 4px 6px; vertical-align: top; text-align: left; }
.yqyb th { background: #f0f0f0; font-weight: 600; }
.yqyb .box { white-space: nowrap; text-align: center; width: 52px; }
.yqyb .item-row td { background: #fafafa; font-weight: 600; }
.yqyb .sign { display: grid; grid-template-columns: 1fr 1fr; gap: 24px; margin-top: 24px; }
.yqyb .sign div { border-bottom: 1px solid #000; padding-bottom: 28px; }
.yqyb h2 { font-size: 15px; margin: 12px 0 6px; }
@media print {
  body { background: #fff !important; }
  .no-print { display: none !important; }
  .yqyb { padding: 0; max-width: none; }
  .yqyb tr { break-inside: avoid; }
  .yqyb th { background: #fff !important; }
}
`;

/**
 * 一企一表 (joint record form), print-friendly: one object, every item's checkpoints with
 * 是/否/未检查/合理缺项 boxes, the team with certificate numbers, signature lines. PDF comes from
 * the browser's 打印 → 另存为 PDF; xlsx from the server.
 */
export function JointRecordPage() {
  const { id = '', object = '' } = useParams();
  const [form, setForm] = useState<JointRecordForm | null>(null);
  const [error, setError] = useState<string | null>(null);

  useEffect(() => {
    let cancelled = false;
    getJointRecordForm(id, object).then((f) => { if (!cancelled) setForm(f); }).catch((e: unknown) => { if (!cancelled) setError(problemText(e)); });
    return () => { cancelled = true; };
  }, [id, object]);

  useEffect(() => {
    if (form) document.title = `一企一表 - ${form.object.name || form.object.key} - ${form.drawId}`;
  }, [form]);

  return (
    <main className="yqyb">
      <style>{printCss}</style>
      <Space className="no-print" style={{ marginBottom: 16 }} wrap>
        <Button type="primary" onClick={() => window.print()} disabled={!form}>打印 / 另存为 PDF</Button>
        <Button href={jointRecordXlsxUrl(id, object)} disabled={!form}>下载 xlsx</Button>
        <Button onClick={() => window.history.back()}>返回</Button>
      </Space>
      {error && <Alert type="error" showIcon title={error} />}
      {!form && !error && <Spin />}
      {form && (
        <>
          <h1>{form.task.name}</h1>
          <p className="sub">一企一表（联合检查记录表） · 抽取编号 {form.drawId} · 任务编号 {form.task.code}</p>
          <table aria-label="检查对象">
            <tbody>
              <tr><th scope="row" style={{ width: '22%' }}>检查对象</th><td colSpan={3}>{form.object.name || '（名录中无此对象）'}</td></tr>
              <tr><th scope="row">统一社会信用代码/编码</th><td>{form.object.key}</td><th scope="row" style={{ width: '16%' }}>信用风险分类</th><td>{form.object.riskClass}</td></tr>
              <tr><th scope="row">地址</th><td colSpan={3}>{form.object.address ?? ''}</td></tr>
              <tr><th scope="row">法定代表人/负责人</th><td>{form.object.legalRepresentative ?? ''}</td><th scope="row">检查期限</th><td>{form.task.periodFrom} 至 {form.task.periodTo}</td></tr>
            </tbody>
          </table>
          <h2>检查组</h2>
          <table aria-label="检查组">
            <thead><tr><th scope="col" style={{ width: '10%' }}>序号</th><th scope="col">姓名</th><th scope="col">执法证号</th><th scope="col">所属部门</th></tr></thead>
            <tbody>
              {form.team.map((m, i) => (
                <tr key={m.key}><td>{i + 1}</td><td>{m.name}</td><td>{m.certificateNo ?? m.key}</td><td>{m.department}</td></tr>
              ))}
            </tbody>
          </table>
          <h2>检查事项及检查要点</h2>
          <table aria-label="检查要点">
            <thead>
              <tr>
                <th scope="col" style={{ width: '12%' }}>编号</th><th scope="col">检查要点</th>
                {answers.map((a) => <th scope="col" key={a} className="box">{a}</th>)}
              </tr>
            </thead>
            <tbody>
              {form.items.map((item) => [
                <tr key={item.id} className="item-row">
                  <td>{item.code}</td>
                  <td colSpan={1 + answers.length}>{item.name}（依据：{item.legalBasis}{item.guidelineVersion ? `；抽查工作指引第 ${item.guidelineVersion} 版` : ''}）</td>
                </tr>,
                ...(item.checkpoints.length === 0
                  ? [<tr key={`${item.id}-none`}><td /><td>（该事项尚无检查要点，按抽查工作指引检查）</td>{answers.map((a) => <td key={a} className="box">□</td>)}</tr>]
                  : item.checkpoints.map((c) => (
                    <tr key={`${item.id}-${c.code}`}>
                      <td>{c.code}</td><td>{c.text}</td>
                      {answers.map((a) => <td key={a} className="box" aria-label={`${c.text}：${a}`}>□</td>)}
                    </tr>
                  ))),
              ])}
            </tbody>
          </table>
          <h2>检查情况说明</h2>
          <div style={{ border: '1px solid #000', minHeight: 80 }} />
          <div className="sign">
            <div>检查人员（签名）：</div>
            <div>日期：</div>
            <div>检查对象负责人（签名）：</div>
            <div>日期：</div>
          </div>
        </>
      )}
    </main>
  );
}
