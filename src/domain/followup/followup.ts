import type { IsoDate } from '../calendar/civil-date.ts';

/**
 * Follow-up disposal (后续处置) of a problem found in an inspection, and the closed loop
 * (闭环): every problem is followed to a recorded outcome. Measures are the Zhejiang set of
 * domain-rules §3; each follow-up is 未完结 until closed with a date and an outcome.
 */

export const followUpMeasures = ['order_correction', 'transfer_case', 'notify_department', 'hand_to_daily_supervision', 'other'] as const;
export type FollowUpMeasure = (typeof followUpMeasures)[number];

export const followUpMeasureLabels: Record<FollowUpMeasure, string> = {
  order_correction: '违反本部门相关规定，责令改正',
  transfer_case: '发现案件线索，移送办案机构依法处理',
  notify_department: '违反其他部门相关规定，抄告相关部门',
  hand_to_daily_supervision: '停止检查，反馈至日常监管部门依法处理',
  other: '其他',
};

export type FollowUpStatus = 'open' | 'in_progress' | 'closed';
export const followUpStatusLabels: Record<FollowUpStatus, string> = { open: '待处置', in_progress: '处置中', closed: '已完结' };

/** Where a transfer (移送/抄告) went: a department on the platform, or an outside body with its document. */
export type TransferTarget =
  | { kind: 'department'; departmentId: string }
  | { kind: 'external'; body: string; documentNo: string; documentDate: IsoDate };

export interface FollowUp {
  measure: FollowUpMeasure;
  status: FollowUpStatus;
  /** For 责令改正: the date by which the entity must correct. */
  dueOn: IsoDate | null;
  transfer: TransferTarget | null;
  closedOn: IsoDate | null;
  outcome: string | null;
}

export type FollowUpEvent =
  | { type: 'progress'; on: IsoDate; note: string }
  | { type: 'transfer'; on: IsoDate; target: TransferTarget }
  | { type: 'close'; on: IsoDate; outcome: string };

export type FollowUpFailure = { code: 'closed' | 'needs_outcome' | 'needs_transfer' | 'needs_document' | 'before_due_start'; message: string };

export function openFollowUp(measure: FollowUpMeasure, dueOn: IsoDate | null): FollowUp {
  return { measure, status: 'open', dueOn: measure === 'order_correction' ? dueOn : null, transfer: null, closedOn: null, outcome: null };
}

/** Apply one event; a closed follow-up takes no more events (a correction is a new record). */
export function applyFollowUpEvent(f: FollowUp, e: FollowUpEvent): { ok: true; followUp: FollowUp } | { ok: false; failure: FollowUpFailure } {
  if (f.status === 'closed') return { ok: false, failure: { code: 'closed', message: '该后续处置已完结，不能再修改' } };
  switch (e.type) {
    case 'progress':
      return { ok: true, followUp: { ...f, status: 'in_progress' } };
    case 'transfer':
      if (e.target.kind === 'external' && (e.target.body.trim() === '' || e.target.documentNo.trim() === '')) {
        return { ok: false, failure: { code: 'needs_document', message: '移送外部机关须填写接收机关和文书编号' } };
      }
      return { ok: true, followUp: { ...f, status: 'in_progress', transfer: e.target } };
    case 'close':
      if (e.outcome.trim() === '') return { ok: false, failure: { code: 'needs_outcome', message: '完结时须填写处置结果' } };
      if ((f.measure === 'transfer_case' || f.measure === 'notify_department') && f.transfer === null) {
        return { ok: false, failure: { code: 'needs_transfer', message: '移送或抄告的处置须先登记移送对象，才能完结' } };
      }
      return { ok: true, followUp: { ...f, status: 'closed', closedOn: e.on, outcome: e.outcome.trim() } };
  }
}

/** Past its correction deadline and still not closed. */
export function isFollowUpOverdue(f: FollowUp, today: IsoDate): boolean {
  return f.status !== 'closed' && f.dueOn !== null && today > f.dueOn;
}

/** A result is closed-loop when it needs no follow-up, or every follow-up is closed. */
export function isClosedLoop(followUpRequired: boolean, followUps: readonly Pick<FollowUp, 'status'>[]): boolean {
  if (!followUpRequired) return true;
  return followUps.length > 0 && followUps.every((f) => f.status === 'closed');
}
