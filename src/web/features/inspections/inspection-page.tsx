import { useCallback, useEffect, useRef, useState } from 'react';
import {
  Alert, App, Button, Card, Checkbox, Descriptions, Empty, Input, List, Modal, Radio, Result, Select, Space, Spin, Tag, Typography, Upload,
} from 'antd';
import { UploadOutlined } from '@ant-design/icons';
import dayjs from 'dayjs';
import { Link, useParams } from 'react-router';
import type { Inspection, InspectionDraftBody } from '../../../contracts/inspections.ts';
import {
  checkpointAnswerLabels, checkpointAnswers, checkResultCodes, resultCodes, verificationMethodLabels, verificationMethods,
  type CheckpointAnswer, type VerificationMethod,
} from '../../../domain/result/result-codes.ts';
import {
  correctInspection, evidenceUrl, getInspection, publishInspection, removeEvidence, reviewInspection, saveInspectionDraft, sign,
  submitInspection, uploadEvidence,
} from '../../api/inspections.ts';
import { ContrastTag } from '../../components/contrast-tag.tsx';
import { useProblemReporter } from '../../components/problem.ts';
import { EvidenceThumbnail } from './evidence-thumbnail.tsx';
import { deadlineTag, isEditable, submitBlockers } from './inspection-format.ts';
import { SignaturePad } from './signature-pad.tsx';

/** Autosave (暂存) waits this long after the last change, so typing does not send a request per key. */
const autosaveDelayMs = 800;

type Draft = Required<Pick<InspectionDraftBody, 'verificationMethods' | 'codes' | 'findings' | 'remarks'>> & {
  startedOn: string | null;
  endedOn: string | null;
  answers: Map<string, { itemId: string; checkpoint: string; answer: CheckpointAnswer; note: string }>;
};

const answerKey = (itemId: string, checkpoint: string) => `${itemId}\u0000${checkpoint}`;

function draftOf(i: Inspection): Draft {
  const answers: Draft['answers'] = new Map();
  for (const item of i.checklist) {
    for (const p of item.checkpoints) {
      if (p.answer) answers.set(answerKey(item.itemId, p.code), { itemId: item.itemId, checkpoint: p.code, answer: p.answer, note: p.note });
    }
  }
  return {
    startedOn: i.startedOn, endedOn: i.endedOn, verificationMethods: i.verificationMethods, codes: i.codes,
    findings: i.findings, remarks: i.remarks, answers,
  };
}

function bodyOf(d: Draft): InspectionDraftBody {
  return {
    startedOn: d.startedOn, endedOn: d.endedOn, verificationMethods: d.verificationMethods, codes: d.codes,
    findings: d.findings, remarks: d.remarks, answers: [...d.answers.values()],
  };
}

/** 一企一表 entry for the team (phone-friendly, autosaved), and review/publication for the department. */
export function InspectionPage() {
  const { id = '' } = useParams();
  const [inspection, setInspection] = useState<Inspection | null>(null);
  const [draft, setDraft] = useState<Draft | null>(null);
  const [saveState, setSaveState] = useState<'idle' | 'pending' | 'saving' | 'saved' | 'error'>('idle');
  const [loadError, setLoadError] = useState<string | null>(null);
  const timer = useRef<ReturnType<typeof setTimeout> | null>(null);
  const latest = useRef<Draft | null>(null);
  const report = useProblemReporter();
  const { message } = App.useApp();

  const show = useCallback((i: Inspection) => {
    setInspection(i);
    const d = draftOf(i);
    setDraft(d);
    latest.current = d;
  }, []);

  useEffect(() => {
    getInspection(id).then(show).catch((error: unknown) => {
      setLoadError(error instanceof Error ? error.message : String(error));
      report(error);
    });
  }, [id, show, report]);

  const saveNow = useCallback(async () => {
    if (timer.current) clearTimeout(timer.current);
    timer.current = null;
    const d = latest.current;
    if (!d) return;
    setSaveState('saving');
    try {
      const saved = await saveInspectionDraft(id, bodyOf(d));
      setInspection(saved);
      setSaveState('saved');
    } catch (error) {
      setSaveState('error');
      report(error);
    }
  }, [id, report]);

  useEffect(() => () => { if (timer.current) clearTimeout(timer.current); }, []);

  const change = (patch: (d: Draft) => Draft) => {
    setDraft((prev) => {
      if (!prev) return prev;
      const next = patch(prev);
      latest.current = next;
      return next;
    });
    setSaveState('pending');
    if (timer.current) clearTimeout(timer.current);
    timer.current = setTimeout(() => { void saveNow(); }, autosaveDelayMs);
  };

  const act = async (run: () => Promise<Inspection>, done: string) => {
    try {
      if (timer.current) await saveNow();
      show(await run());
      void message.success(done);
    } catch (error) {
      report(error);
    }
  };

  if (loadError && !inspection) return <Result status="warning" title="无法打开这条检查记录" subTitle={loadError} />;
  if (!inspection || !draft) return <Spin tip="正在加载…"><div style={{ height: 80 }} /></Spin>;

  const editable = isEditable(inspection);
  const today = dayjs().format('YYYY-MM-DD');
  const deadline = deadlineTag(inspection.deadline);
  const codeCheck = checkResultCodes(draft.codes);
  const blockers = submitBlockers({ ...inspection, ...bodyOfInspection(draft, inspection) });

  return (
    <Space direction="vertical" size="middle" style={{ width: '100%', maxWidth: 960 }}>
      <div>
        <Typography.Title level={3} style={{ marginBottom: 4 }}>{inspection.object.name}</Typography.Title>
        <Space wrap>
          <ContrastTag color={inspection.status === 'published' ? 'green' : inspection.status === 'returned' ? 'red' : 'blue'}>{inspection.statusLabel}</ContrastTag>
          <Typography.Text type="secondary">{inspection.task.code} {inspection.task.name}</Typography.Text>
          {deadline ? <ContrastTag color={deadline.color}>{deadline.text}</ContrastTag> : null}
          {editable ? <Typography.Text type="secondary" aria-live="polite">{saveLabel(saveState, inspection.draftSavedAt)}</Typography.Text> : null}
        </Space>
      </div>

      {inspection.status === 'returned' && inspection.reviews.length > 0 ? (
        <Alert type="warning" showIcon message="审核退回" description={inspection.reviews.at(-1)?.comment} />
      ) : null}

      <Card title="检查信息" size="small">
        <Descriptions column={1} size="small" items={[
          { key: 'team', label: '检查组', children: inspection.team.map((m) => `${m.name}（${m.department}）`).join('、') },
          { key: 'address', label: '地址', children: inspection.object.address ?? '—' },
        ]} />
        <Space wrap style={{ marginTop: 12 }}>
          {/* Native date inputs: a phone opens its own date picker. */}
          <label>检查开始日期 <Input type="date" aria-label="检查开始日期" disabled={!editable} value={draft.startedOn ?? ''} max={today}
            onChange={(e) => { const v = e.target.value; change((x) => ({ ...x, startedOn: v === '' ? null : v })); }} style={{ width: 170 }} /></label>
          <label>检查结束日期 <Input type="date" aria-label="检查结束日期" disabled={!editable} value={draft.endedOn ?? ''} max={today}
            onChange={(e) => { const v = e.target.value; change((x) => ({ ...x, endedOn: v === '' ? null : v })); }} style={{ width: 170 }} /></label>
        </Space>
        <div style={{ marginTop: 12 }}>
          <Typography.Text strong id="methods-label">核查方式</Typography.Text>
          <Checkbox.Group aria-labelledby="methods-label" disabled={!editable} value={draft.verificationMethods}
            options={verificationMethods.map((m) => ({ value: m, label: verificationMethodLabels[m] }))}
            onChange={(v) => change((x) => ({ ...x, verificationMethods: v as VerificationMethod[] }))} style={{ display: 'flex', flexWrap: 'wrap', gap: 8, marginTop: 8 }} />
        </div>
      </Card>

      {inspection.checklist.map((item) => (
        <Card key={item.itemId} size="small" title={`${item.code} ${item.name}`} extra={item.guidelineVersion ? `指引第 ${item.guidelineVersion} 版` : null}>
          <List dataSource={item.checkpoints} renderItem={(p) => {
            const current = draft.answers.get(answerKey(item.itemId, p.code));
            return (
              <List.Item style={{ display: 'block' }}>
                <Typography.Paragraph style={{ marginBottom: 8 }} id={`cp-${item.itemId}-${p.code}`}>{p.code}. {p.text}</Typography.Paragraph>
                <Radio.Group aria-labelledby={`cp-${item.itemId}-${p.code}`} disabled={!editable} optionType="button" buttonStyle="solid"
                  value={current?.answer ?? null}
                  options={checkpointAnswers.map((a) => ({ value: a, label: checkpointAnswerLabels[a] }))}
                  onChange={(e) => {
                    const answer = e.target.value as CheckpointAnswer;
                    change((x) => {
                      const answers = new Map(x.answers);
                      answers.set(answerKey(item.itemId, p.code), { itemId: item.itemId, checkpoint: p.code, answer, note: current?.note ?? '' });
                      return { ...x, answers };
                    });
                  }} />
                {current ? (
                  <Input aria-label={`要点 ${p.code} 备注`} placeholder="备注（可选）" disabled={!editable} value={current.note} maxLength={500} style={{ marginTop: 8 }}
                    onChange={(e) => {
                      const note = e.target.value;
                      change((x) => {
                        const answers = new Map(x.answers);
                        answers.set(answerKey(item.itemId, p.code), { ...current, note });
                        return { ...x, answers };
                      });
                    }} />
                ) : null}
              </List.Item>
            );
          }} />
        </Card>
      ))}

      <Card title="检查结果" size="small">
        <Select mode="multiple" aria-label="检查结果代码" showSearch={{ optionFilterProp: 'label' }} style={{ width: '100%' }} disabled={!editable} value={draft.codes} placeholder="选择检查结果"
          options={resultCodes.map((c) => ({ value: c.code, label: `${c.label}（${c.code}）` }))}
          onChange={(codes: string[]) => change((x) => ({ ...x, codes }))} />
        {editable && codeCheck.problems.length > 0 && draft.codes.length > 0 ? (
          <Alert type="error" style={{ marginTop: 8 }} message={codeCheck.problems.map((p) => p.message).join('；')} />
        ) : null}
        {inspection.followUp ? (
          <Alert type="info" style={{ marginTop: 8 }} message={<>后续处置：<Link to={`/followups/${inspection.followUp.id}`}>{inspection.followUp.status === 'closed' ? '已完结（已闭环）' : '查看处置进展'}</Link></>} />
        ) : codeCheck.followUpRequired ? <Alert type="info" style={{ marginTop: 8 }} message="公示后将生成后续处置记录" /> : null}
        <Typography.Text strong style={{ display: 'block', marginTop: 12 }}>发现的问题</Typography.Text>
        <Input.TextArea aria-label="发现的问题" rows={3} disabled={!editable} value={draft.findings} maxLength={5000}
          onChange={(e) => { const findings = e.target.value; change((x) => ({ ...x, findings })); }} />
        <Typography.Text strong style={{ display: 'block', marginTop: 12 }}>备注（公示）</Typography.Text>
        <Input.TextArea aria-label="备注" rows={2} disabled={!editable} value={draft.remarks} maxLength={1000}
          onChange={(e) => { const remarks = e.target.value; change((x) => ({ ...x, remarks })); }} />
      </Card>

      {/* Evidence and signatures change only their own parts: the draft being typed (and its
          pending autosave) stays as it is. */}
      <EvidenceCard inspection={inspection} editable={editable} onChanged={setInspection} />
      <SignaturesCard inspection={inspection} editable={editable} onChanged={setInspection} />

      {editable ? (
        <Card size="small">
          {blockers.length > 0 ? (
            <Alert type="warning" showIcon message="提交前还需要" description={<ul style={{ margin: 0, paddingLeft: 20 }}>{blockers.map((b) => <li key={b}>{b}</li>)}</ul>} />
          ) : <Alert type="success" showIcon message="可以提交审核" />}
          <Button type="primary" size="large" style={{ marginTop: 12 }} block disabled={blockers.length > 0}
            onClick={() => void act(() => submitInspection(id), '已提交审核')}>提交审核</Button>
        </Card>
      ) : null}

      {inspection.canReview ? <ReviewCard inspection={inspection} act={act} /> : null}

      {inspection.versions.length > 0 ? (
        <Card title="公示版本" size="small">
          <List dataSource={inspection.versions} renderItem={(v) => (
            <List.Item>第 {v.version} 版（{v.publishedOn}）：{v.codes.join('、')} {v.reason ? `— 更正原因：${v.reason}` : ''}</List.Item>
          )} />
        </Card>
      ) : null}
    </Space>
  );
}

function bodyOfInspection(d: Draft, i: Inspection): Partial<Inspection> {
  return {
    startedOn: d.startedOn, endedOn: d.endedOn, verificationMethods: d.verificationMethods as Inspection['verificationMethods'],
    codes: d.codes, findings: d.findings, remarks: d.remarks,
    checklist: i.checklist.map((item) => ({
      ...item,
      checkpoints: item.checkpoints.map((p) => {
        const a = d.answers.get(answerKey(item.itemId, p.code));
        return { ...p, answer: a?.answer ?? null, note: a?.note ?? '' };
      }),
    })),
  };
}

function saveLabel(state: 'idle' | 'pending' | 'saving' | 'saved' | 'error', savedAt: string | null): string {
  if (state === 'pending' || state === 'saving') return '正在暂存…';
  if (state === 'error') return '暂存失败，请检查网络';
  return savedAt ? `已暂存 ${dayjs(savedAt).format('HH:mm:ss')}` : '修改会自动暂存';
}

function EvidenceCard({ inspection, editable, onChanged }: { inspection: Inspection; editable: boolean; onChanged: (i: Inspection) => void }) {
  const report = useProblemReporter();
  const { message } = App.useApp();
  return (
    <Card title="检查证据（照片、PDF）" size="small">
      {editable ? (
        <Upload accept="image/jpeg,image/png,image/webp,application/pdf" multiple showUploadList={false}
          customRequest={({ file, onSuccess, onError }) => {
            uploadEvidence(inspection.id, file as File)
              .then(async (evidence) => {
                onSuccess?.(evidence);
                void message.success(`已上传：${evidence.fileName}`);
                onChanged(await getInspection(inspection.id));
              })
              .catch((error: unknown) => { report(error); onError?.(error as Error); });
          }}>
          <Button icon={<UploadOutlined />}>上传照片或 PDF</Button>
        </Upload>
      ) : null}
      {inspection.evidence.length === 0 ? <Empty description="尚无证据" image={Empty.PRESENTED_IMAGE_SIMPLE} /> : (
        <List dataSource={inspection.evidence} renderItem={(e) => (
          <List.Item actions={editable ? [
            <Button key="rm" size="small" danger onClick={() => { removeEvidence(inspection.id, e.id).then(onChanged).catch((error: unknown) => report(error)); }}>删除</Button>,
          ] : []}>
            <List.Item.Meta avatar={<EvidenceThumbnail inspectionId={inspection.id} evidence={e} />}
              title={<a href={evidenceUrl(inspection.id, e.id)} target="_blank" rel="noreferrer">{e.fileName}</a>}
              description={`${e.kind.toUpperCase()} · ${(e.size / 1024).toFixed(0)} KB · SHA-256 ${e.sha256.slice(0, 12)}…`} />
          </List.Item>
        )} />
      )}
    </Card>
  );
}

type Signing = { kind: 'officer'; key: string; name: string } | { kind: 'representative' } | null;

function SignaturesCard({ inspection, editable, onChanged }: { inspection: Inspection; editable: boolean; onChanged: (i: Inspection) => void }) {
  const [signing, setSigning] = useState<Signing>(null);
  const [png, setPng] = useState<string | null>(null);
  const [representative, setRepresentative] = useState('');
  const [paperForm, setPaperForm] = useState<string | undefined>(undefined);
  const report = useProblemReporter();
  const { message } = App.useApp();
  const representativeSigned = inspection.signatures.items.some((s) => s.signer === 'representative');

  const submit = async () => {
    if (!signing || !png) return;
    try {
      const body = signing.kind === 'officer'
        ? { signer: 'officer' as const, officerKey: signing.key, imagePng: png }
        : { signer: 'representative' as const, name: representative, imagePng: png };
      onChanged(await sign(inspection.id, body));
      void message.success('已签字');
      setSigning(null);
      setPng(null);
    } catch (error) {
      report(error);
    }
  };

  return (
    <Card title="签字" size="small" extra={inspection.signatures.complete ? <ContrastTag color="green">签字完整</ContrastTag> : <ContrastTag color="orange">待签字</ContrastTag>}>
      {/* One list of signers: the team members, then the entity's representative. */}
      <List
        dataSource={[...inspection.team.map((m) => ({ key: m.key, label: `${m.name}（${m.department}）`, signed: m.signed, sign: { kind: 'officer' as const, key: m.key, name: m.name }, button: `${m.name} 签名` })),
          { key: 'representative', label: '被检查对象代表', signed: representativeSigned, sign: { kind: 'representative' as const }, button: '被检查对象代表签名' }]}
        renderItem={(row) => (
          <List.Item actions={[row.signed ? <ContrastTag key="s" color="green">已签</ContrastTag> : editable
            ? <Button key="b" onClick={() => setSigning(row.sign)}>{row.button}</Button>
            : <Tag key="n">未签</Tag>]}>
            {row.label}
          </List.Item>
        )}
      />
      {editable && inspection.evidence.length > 0 ? (
        <Space wrap style={{ marginTop: 8 }}>
          <Typography.Text>或使用已上传的纸质签字表：</Typography.Text>
          <Select aria-label="纸质签字表" style={{ minWidth: 220 }} value={paperForm} onChange={setPaperForm}
            options={inspection.evidence.map((e) => ({ value: e.id, label: e.fileName }))} placeholder="选择已上传的扫描件" />
          <Button disabled={!paperForm} onClick={() => {
            if (!paperForm) return;
            sign(inspection.id, { signer: 'paper_form', evidenceId: paperForm }).then((i) => { onChanged(i); void message.success('已登记纸质签字表'); })
              .catch((error: unknown) => report(error));
          }}>登记纸质签字表</Button>
        </Space>
      ) : null}
      <Modal open={signing !== null} title={signing?.kind === 'officer' ? `${signing.name} 签名` : '被检查对象代表签名'}
        onCancel={() => { setSigning(null); setPng(null); }} onOk={() => void submit()} okText="确认签名"
        okButtonProps={{ disabled: !png || (signing?.kind === 'representative' && representative.trim() === '') }} destroyOnHidden width={680}>
        {signing?.kind === 'representative' ? (
          <Input aria-label="代表姓名" placeholder="代表姓名" value={representative} onChange={(e) => setRepresentative(e.target.value)} style={{ marginBottom: 12 }} />
        ) : null}
        <SignaturePad label="签名区" onChange={setPng} />
      </Modal>
    </Card>
  );
}

function ReviewCard({ inspection, act }: { inspection: Inspection; act: (run: () => Promise<Inspection>, done: string) => Promise<void> }) {
  const [comment, setComment] = useState('');
  const [correcting, setCorrecting] = useState(false);
  const [reason, setReason] = useState('');
  const [codes, setCodes] = useState<string[]>(inspection.codes);
  const id = inspection.id;
  return (
    <Card title="审核与公示" size="small">
      {inspection.reviews.length > 0 ? (
        <List size="small" dataSource={inspection.reviews} renderItem={(r) => (
          <List.Item>{dayjs(r.at).format('YYYY-MM-DD HH:mm')} {r.actorName}：{r.action === 'approve' ? '审核通过' : r.action === 'return' ? '退回' : r.action}{r.comment ? `（${r.comment}）` : ''}</List.Item>
        )} />
      ) : null}
      {inspection.status === 'submitted' ? (
        <Space direction="vertical" style={{ width: '100%' }}>
          <Input.TextArea aria-label="审核意见" rows={2} placeholder="审核意见（退回时必填）" value={comment} onChange={(e) => setComment(e.target.value)} />
          <Space>
            <Button type="primary" onClick={() => void act(() => reviewInspection(id, 'approve', comment), '审核通过')}>审核通过</Button>
            <Button danger onClick={() => void act(() => reviewInspection(id, 'return', comment), '已退回')}>退回修改</Button>
          </Space>
        </Space>
      ) : null}
      {inspection.status === 'approved' ? (
        <Button type="primary" onClick={() => void act(() => publishInspection(id), '已公示')}>公示结果</Button>
      ) : null}
      {inspection.status === 'published' ? (
        <>
          <Button onClick={() => setCorrecting(true)}>更正</Button>
          <Modal open={correcting} title="更正已公示的结果" okText="发布更正" onCancel={() => setCorrecting(false)} destroyOnHidden
            okButtonProps={{ disabled: reason.trim() === '' || codes.length === 0 }}
            onOk={() => void act(() => correctInspection(id, { reason, codes, findings: inspection.findings, remarks: inspection.remarks }), '已发布更正').then(() => setCorrecting(false))}>
            <Typography.Paragraph>更正形成新的公示版本，原版本保留并在门户显示。</Typography.Paragraph>
            <Input.TextArea aria-label="更正原因" rows={2} placeholder="更正原因" value={reason} onChange={(e) => setReason(e.target.value)} />
            <Select mode="multiple" aria-label="更正后的检查结果" style={{ width: '100%', marginTop: 8 }} value={codes} onChange={setCodes}
              options={resultCodes.map((c) => ({ value: c.code, label: `${c.label}（${c.code}）` }))} />
          </Modal>
        </>
      ) : null}
    </Card>
  );
}
