import type { IsoDate } from '../calendar/civil-date.ts';

/**
 * Who may be drawn as an inspecting officer on a given day. Only certified enforcement
 * officers inspect (国办发〔2024〕54号; 交通运输行政执法程序规定 Art. 22): an expert (专家) may
 * assist but never fills one of a team's officer places, and nobody without a certificate
 * valid on the day of the draw is eligible.
 */

export type OfficerCategory = 'officer' | 'expert';
export type OfficerStatus = 'active' | 'suspended' | 'on_leave';

export interface OfficerFacts {
  category: OfficerCategory;
  status: OfficerStatus;
  /** Leave period (休假), inclusive, when status is on_leave. */
  leaveFrom?: IsoDate | null;
  leaveTo?: IsoDate | null;
  certificateValidFrom: IsoDate | null;
  certificateValidTo: IsoDate | null;
}

export type IneligibleReason = 'expert' | 'suspended' | 'on_leave' | 'no_certificate' | 'certificate_not_yet_valid' | 'certificate_expired';

export const ineligibleReasonLabels: Record<IneligibleReason, string> = {
  expert: '专家不计入检查人员',
  suspended: '已停用',
  on_leave: '休假中',
  no_certificate: '无执法证件',
  certificate_not_yet_valid: '执法证件尚未生效',
  certificate_expired: '执法证件已过期',
};

/** Why the officer cannot be drawn on `date`, or null when they can. */
export function officerIneligibility(officer: OfficerFacts, date: IsoDate): IneligibleReason | null {
  if (officer.category === 'expert') return 'expert';
  if (officer.status === 'suspended') return 'suspended';
  if (officer.status === 'on_leave') {
    const from = officer.leaveFrom ?? null;
    const to = officer.leaveTo ?? null;
    // Leave without dates is open-ended; with dates it only counts on those days.
    if ((from === null || from <= date) && (to === null || date <= to)) return 'on_leave';
  }
  if (officer.certificateValidTo === null && officer.certificateValidFrom === null) return 'no_certificate';
  if (officer.certificateValidFrom !== null && date < officer.certificateValidFrom) return 'certificate_not_yet_valid';
  if (officer.certificateValidTo !== null && date > officer.certificateValidTo) return 'certificate_expired';
  return null;
}
