import type { Deadline, Inspection } from '../../../contracts/inspections.ts';
import { checkResultCodes } from '../../../domain/result/result-codes.ts';

/** The publication deadline as a tag: text and colour (red overdue, orange warning). */
export function deadlineTag(deadline: Deadline | null): { text: string; color: string } | null {
  if (!deadline) return null;
  const suffix = deadline.provisional ? '（预估：当年节假日安排未公布）' : '';
  switch (deadline.state) {
    case 'open': return { text: `${deadline.deadline} 前公示，还剩 ${deadline.workdays ?? 0} 个工作日${suffix}`, color: 'blue' };
    case 'warning': return { text: `${deadline.deadline} 前公示，仅剩 ${deadline.workdays ?? 0} 个工作日${suffix}`, color: 'orange' };
    case 'overdue': return { text: `已逾期 ${deadline.workdays ?? 0} 个工作日（应于 ${deadline.deadline} 前公示）`, color: 'red' };
    case 'published_on_time': return { text: `按时公示（期限 ${deadline.deadline}）`, color: 'green' };
    case 'published_late': return { text: `逾期 ${deadline.workdays ?? 0} 个工作日后公示（期限 ${deadline.deadline}）`, color: 'volcano' };
  }
}

/** How many checkpoints have an answer, of how many. */
export function checklistProgress(checklist: Inspection['checklist']): { answered: number; total: number } {
  let answered = 0;
  let total = 0;
  for (const item of checklist) {
    for (const point of item.checkpoints) {
      total += 1;
      if (point.answer !== null) answered += 1;
    }
  }
  return { answered, total };
}

/** What still stands between the draft and 提交, in the order the officer should fix it. */
export function submitBlockers(inspection: Inspection): string[] {
  const blockers: string[] = [];
  const { answered, total } = checklistProgress(inspection.checklist);
  if (answered < total) blockers.push(`还有 ${total - answered} 个检查要点未填写`);
  if (!inspection.startedOn || !inspection.endedOn) blockers.push('请填写检查开始和结束日期');
  if (inspection.verificationMethods.length === 0) blockers.push('请选择核查方式');
  blockers.push(...checkResultCodes(inspection.codes).problems.map((p) => p.message));
  if (!inspection.signatures.complete) blockers.push(`签字不完整：${inspection.signatures.missing.join('、')}`);
  return blockers;
}

/** Only the team enters, and only while the result is a draft or was returned. */
export function isEditable(inspection: Pick<Inspection, 'onTeam' | 'status'>): boolean {
  return inspection.onTeam && (inspection.status === 'draft' || inspection.status === 'returned');
}
