import { useEffect, useMemo, useState } from 'react';
import { Alert, Button, Input, Modal, Segmented, Space, Typography } from 'antd';
import type { Draw, Task } from '../../../contracts/tasks.ts';
import { setSeed, type SeedBody } from '../../api/draws.ts';
import { problemText } from '../../components/problem-text.ts';
import { checkDepartmentSeed, checkSeedDigits, groupDigits, MIN_SEED_DIGITS, type SeedCheck } from './draw-helpers.ts';

type Method = SeedBody['method'];

const methodLabels: Record<Method, string> = { dice: '掷骰子', departments: '各部门数字', system: '系统生成' };

interface Props {
  open: boolean;
  draw: Draw;
  task: Task;
  onClose: () => void;
  onSeeded: (draw: Draw) => void;
}

// Projector-friendly: large type, black on white, thick borders (contrast well above WCAG AAA).
const bigDigits = { fontSize: 44, lineHeight: 1.3, fontFamily: 'ui-monospace, "Cascadia Mono", Consolas, monospace', letterSpacing: 4, color: '#000' } as const;
const bigLabel = { fontSize: 22, fontWeight: 600, color: '#000', display: 'block', marginBottom: 8 } as const;

function splitNames(text: string): string[] {
  return text.split(/[,，、;；\n]+/).map((s) => s.trim()).filter(Boolean);
}

/**
 * The seed ceremony (种子仪式), after the freeze, on the projector: dice digits typed in front of
 * the witnesses, one number from each participating department (joined in code point order of
 * their names, as the standard says), or a server seed shown as 系统生成. Fewer than 20 digits
 * are refused here before sending, and the server's refusal, if any, is shown as it says it.
 */
export function SeedCeremonyModal({ open, draw, task, onClose, onSeeded }: Props) {
  const [method, setMethod] = useState<Method>('dice');
  const [dice, setDice] = useState('');
  const [witnesses, setWitnesses] = useState('');
  const [contributions, setContributions] = useState<Record<string, string>>({});
  const [error, setError] = useState<string | null>(null);
  const [saving, setSaving] = useState(false);

  useEffect(() => {
    if (open) { setMethod('dice'); setDice(''); setWitnesses(''); setContributions({}); setError(null); }
  }, [open]);

  const departments = task.participatingDepartments;
  const check: SeedCheck | null = useMemo(() => {
    if (method === 'dice') return checkSeedDigits(dice);
    if (method === 'departments') return checkDepartmentSeed(departments.map((d) => ({ department: d.name, digits: contributions[d.id] ?? '' })));
    return null;
  }, [method, dice, contributions, departments]);

  const submit = async () => {
    const names = splitNames(witnesses);
    if (check && !check.ok) { setError(check.message); return; }
    if (method === 'dice' && names.length === 0) { setError('掷骰子须有见证人：请填写见证人姓名'); return; }
    const body: SeedBody = method === 'dice'
      ? { method, digits: dice, witnesses: names }
      : method === 'departments'
        ? { method, contributions: departments.map((d) => ({ departmentId: d.id, digits: contributions[d.id] ?? '' })), witnesses: names }
        : { method, witnesses: names };
    setSaving(true);
    setError(null);
    try {
      onSeeded(await setSeed(draw.id, body));
    } catch (e) {
      setError(problemText(e));
    } finally {
      setSaving(false);
    }
  };

  return (
    <Modal
      open={open} onCancel={onClose} destroyOnHidden width="min(1400px, 96vw)" centered maskClosable={false}
      title={<span style={{ fontSize: 28 }}>随机种子仪式 · {draw.drawId}</span>}
      footer={[
        <Button key="cancel" size="large" onClick={onClose}>取消</Button>,
        <Button key="ok" size="large" type="primary" loading={saving} onClick={() => { submit().catch(() => undefined); }}>确认种子</Button>,
      ]}
      styles={{ body: { fontSize: 20, color: '#000' } }}
    >
      <Space orientation="vertical" size="large" style={{ width: '100%' }}>
        <Typography.Paragraph style={{ fontSize: 20, color: '#000', marginBottom: 0 }}>
          候选名单和规则已于冻结时公布。随机种子至少 {MIN_SEED_DIGITS} 位数字，产生后不能更改，抽取结果由种子和公布的名单唯一确定，任何人都可以复算。
        </Typography.Paragraph>
        <Segmented<Method>
          size="large" block value={method} onChange={(v) => { setMethod(v); setError(null); }}
          options={(Object.keys(methodLabels) as Method[]).map((m) => ({ value: m, label: <span style={{ fontSize: 22 }}>{methodLabels[m]}</span> }))}
        />
        {method === 'dice' && (
          <div>
            <label htmlFor="seed-dice" style={bigLabel}>骰子数字（按掷出的顺序输入，空格会被去除）</label>
            <Input.TextArea
              id="seed-dice" value={dice} onChange={(e) => { setDice(e.target.value); setError(null); }}
              autoSize={{ minRows: 2, maxRows: 4 }} style={{ ...bigDigits, border: '3px solid #000' }} inputMode="numeric" autoComplete="off"
            />
          </div>
        )}
        {method === 'departments' && (
          <Space orientation="vertical" size="middle" style={{ width: '100%' }}>
            {departments.map((d) => (
              <div key={d.id}>
                <label htmlFor={`seed-dept-${d.id}`} style={bigLabel}>{d.name} 提供的数字</label>
                <Input
                  id={`seed-dept-${d.id}`} value={contributions[d.id] ?? ''} inputMode="numeric" autoComplete="off"
                  onChange={(e) => { setContributions({ ...contributions, [d.id]: e.target.value }); setError(null); }}
                  style={{ ...bigDigits, fontSize: 36, border: '3px solid #000' }}
                />
              </div>
            ))}
            <Typography.Text style={{ fontSize: 18, color: '#000' }}>按部门名称的码点顺序拼接各部门数字。</Typography.Text>
          </Space>
        )}
        {method === 'system' && (
          <Alert
            type="warning" showIcon
            title={<span style={{ fontSize: 22 }}>由服务器随机产生 24 位数字，抽取记录中公开标注为“系统生成”</span>}
            description={<span style={{ fontSize: 18 }}>系统生成的种子无法由现场见证，公信力弱于掷骰子或各部门提供数字，仅在无法组织现场仪式时使用。</span>}
          />
        )}
        {check && (
          <div aria-live="polite">
            <span style={bigLabel}>种子（{check.digits.length} 位）</span>
            <div data-testid="seed-preview" style={{ ...bigDigits, fontSize: 52, fontWeight: 700, background: '#fff', border: '3px dashed #000', padding: '8px 16px', minHeight: 80, wordBreak: 'break-all' }}>
              {check.digits ? groupDigits(check.digits) : '—'}
            </div>
          </div>
        )}
        <div>
          <label htmlFor="seed-witnesses" style={bigLabel}>见证人姓名{method === 'dice' ? '（必填）' : '（可选）'}，多人用逗号或顿号分隔</label>
          <Input id="seed-witnesses" value={witnesses} onChange={(e) => setWitnesses(e.target.value)} style={{ fontSize: 24, border: '2px solid #000' }} />
        </div>
        {error && <Alert type="error" showIcon role="alert" title={<span style={{ fontSize: 24, fontWeight: 600 }}>{error}</span>} />}
      </Space>
    </Modal>
  );
}
