import { Tag } from 'antd';
import type { Officer } from '../../../contracts/officers.ts';

/** 可抽取 / 不可抽取 with the reason, as computed by the server with the domain's rule. */
export function EligibilityTag({ officer }: { officer: Pick<Officer, 'eligible' | 'ineligibleReasonLabel'> }) {
  return officer.eligible
    ? <Tag color="green" style={{ color: '#135200' }}>可抽取</Tag>
    : <Tag color="red">不可抽取：{officer.ineligibleReasonLabel ?? '—'}</Tag>;
}
