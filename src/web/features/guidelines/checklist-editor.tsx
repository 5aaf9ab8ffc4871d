import { Button, Input, Space, Typography } from 'antd';
import { ArrowDownOutlined, ArrowUpOutlined, DeleteOutlined, PlusOutlined } from '@ant-design/icons';
import type { Checkpoint } from '../../../contracts/guidelines.ts';

interface Props {
  value: Checkpoint[];
  onChange: (next: Checkpoint[]) => void;
  /** Prefix of new checkpoint codes, e.g. the item code. */
  codePrefix: string;
  readOnly?: boolean;
}

/** The next free code `${prefix}-nn`. */
export function nextCheckpointCode(prefix: string, existing: readonly Checkpoint[]): string {
  const used = new Set(existing.map((c) => c.code));
  for (let n = existing.length + 1; ; n += 1) {
    const code = `${prefix}-${String(n).padStart(2, '0')}`;
    if (!used.has(code)) return code;
  }
}

/** 检查要点 in order: add, remove, move up and down, edit code and text. */
export function ChecklistEditor({ value, onChange, codePrefix, readOnly = false }: Props) {
  const move = (index: number, delta: number) => {
    const target = index + delta;
    if (target < 0 || target >= value.length) return;
    const next = [...value];
    const [moved] = next.splice(index, 1);
    if (moved) next.splice(target, 0, moved);
    onChange(next);
  };
  const update = (index: number, patch: Partial<Checkpoint>) => onChange(value.map((c, i) => (i === index ? { ...c, ...patch } : c)));

  if (readOnly) {
    return value.length === 0 ? <Typography.Text type="secondary">暂无检查要点</Typography.Text> : (
      <ol style={{ paddingLeft: 20, margin: 0 }}>
        {value.map((c) => <li key={c.code}><Typography.Text code>{c.code}</Typography.Text> {c.text}</li>)}
      </ol>
    );
  }
  return (
    <div role="list" aria-label="检查要点">
      {value.map((c, i) => (
        <div role="listitem" key={i} style={{ display: 'flex', gap: 8, marginBottom: 8, alignItems: 'center' }}>
          <Typography.Text type="secondary" style={{ width: 24, textAlign: 'right' }}>{i + 1}.</Typography.Text>
          <Input aria-label={`第 ${i + 1} 条要点编号`} value={c.code} style={{ width: 170 }} onChange={(e) => update(i, { code: e.target.value })} />
          <Input aria-label={`第 ${i + 1} 条要点内容`} value={c.text} placeholder="如：是否取得《道路运输经营许可证》且在有效期内" onChange={(e) => update(i, { text: e.target.value })} />
          <Space.Compact>
            <Button aria-label={`上移第 ${i + 1} 条`} icon={<ArrowUpOutlined />} disabled={i === 0} onClick={() => move(i, -1)} />
            <Button aria-label={`下移第 ${i + 1} 条`} icon={<ArrowDownOutlined />} disabled={i === value.length - 1} onClick={() => move(i, 1)} />
            <Button aria-label={`删除第 ${i + 1} 条`} danger icon={<DeleteOutlined />} onClick={() => onChange(value.filter((_, j) => j !== i))} />
          </Space.Compact>
        </div>
      ))}
      <Button type="dashed" icon={<PlusOutlined />} onClick={() => onChange([...value, { code: nextCheckpointCode(codePrefix, value), text: '' }])}>
        添加检查要点
      </Button>
    </div>
  );
}
