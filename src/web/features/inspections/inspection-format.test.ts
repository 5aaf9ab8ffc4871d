import { describe, expect, it } from 'vitest';
import type { Inspection } from '../../../contracts/inspections.ts';
import { checkResultCodes } from '../../../domain/result/result-codes.ts';
import { checklistProgress, deadlineTag, isEditable, submitBlockers } from './inspection-format.ts';

const base: Inspection = {
  id: '00000000-0000-4000-8000-000000000001', drawId: 'T-1', drawRowId: '00000000-0000-4000-8000-000000000002',
  task: { id: '00000000-0000-4000-8000-000000000003', code: 'T-1', name: '任务', periodFrom: '2024-09-01', periodTo: '2024-09-30' },
  object: { key: 'K1', name: '企业', address: null, legalRepresentative: null },
  status: 'draft', statusLabel: '录入中', onTeam: true, canReview: false,
  team: [{ key: 'O1', name: '甲', department: '综合执法大队', signed: true }],
  checklist: [{
    itemId: '00000000-0000-4000-8000-000000000004', code: 'JT-001', name: '事项', guidelineVersion: 1,
    checkpoints: [
      { code: '1', text: '要点一', answer: 'yes', note: '' },
      { code: '2', text: '要点二', answer: null, note: '' },
    ],
  }],
  startedOn: '2024-09-26', endedOn: '2024-09-27', verificationMethods: ['on_site'], codes: ['1'], findings: '', remarks: '',
  draftSavedAt: null, evidence: [], signatures: { complete: true, missing: [], items: [] }, deadline: null, reviews: [], versions: [],
  followUp: null,
};

describe('inspection format', () => {
  it('counts answered checkpoints', () => {
    expect(checklistProgress(base.checklist)).toEqual({ answered: 1, total: 2 });
  });

  it('lists what blocks submission', () => {
    expect(submitBlockers(base)).toEqual(['还有 1 个检查要点未填写']);
    const worse: Inspection = {
      ...base, endedOn: null, verificationMethods: [], codes: ['1', 'A'],
      signatures: { complete: false, missing: ['乙', '被检查对象代表'], items: [] },
    };
    const codeProblems = checkResultCodes(['1', 'A']).problems.map((p) => p.message);
    expect(codeProblems.length).toBeGreaterThan(0);
    expect(submitBlockers(worse)).toEqual([
      '还有 1 个检查要点未填写', '请填写检查开始和结束日期', '请选择核查方式', ...codeProblems, '签字不完整：乙、被检查对象代表',
    ]);
  });

  it('words the deadline by state, marking provisional years', () => {
    expect(deadlineTag({ deadline: '2024-10-30', provisional: false, state: 'open', workdays: 12, warningLevel: null }))
      .toEqual({ text: '2024-10-30 前公示，还剩 12 个工作日', color: 'blue' });
    expect(deadlineTag({ deadline: '2027-01-13', provisional: true, state: 'warning', workdays: 2, warningLevel: 2 })?.text)
      .toBe('2027-01-13 前公示，仅剩 2 个工作日（预估：当年节假日安排未公布）');
    expect(deadlineTag({ deadline: '2024-10-30', provisional: false, state: 'overdue', workdays: 3, warningLevel: null }))
      .toEqual({ text: '已逾期 3 个工作日（应于 2024-10-30 前公示）', color: 'red' });
    expect(deadlineTag(null)).toBeNull();
  });

  it('lets only the team edit, and only drafts and returned results', () => {
    expect(isEditable({ onTeam: true, status: 'draft' })).toBe(true);
    expect(isEditable({ onTeam: true, status: 'returned' })).toBe(true);
    expect(isEditable({ onTeam: true, status: 'submitted' })).toBe(false);
    expect(isEditable({ onTeam: false, status: 'draft' })).toBe(false);
  });
});
