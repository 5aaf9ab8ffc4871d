import type { FollowUpStatus, TransferTargetView } from '../../../contracts/followups.ts';

/** Tag colour of a follow-up status: plain (waiting), blue in hand, green closed; antd's orange fails the contrast check. */
export function statusColor(status: FollowUpStatus): string {
  return status === 'closed' ? 'green' : status === 'in_progress' ? 'blue' : 'default';
}

/** The transfer as one line: a platform department by name, an outside body with its document. */
export function transferText(transfer: TransferTargetView | null): string {
  if (transfer === null) return '—';
  if (transfer.kind === 'department') return `移送 ${transfer.departmentName}`;
  return `移送 ${transfer.body}（${transfer.documentNo}，${transfer.documentDate}）`;
}
