import { describe, expect, it } from 'vitest';
import { statusColor, transferText } from './followup-format.ts';

describe('follow-up formatting', () => {
  it('names the transfer target with its document', () => {
    expect(transferText(null)).toBe('—');
    expect(transferText({ kind: 'department', departmentId: '00000000-0000-4000-8000-000000000001', departmentName: '执法大队' })).toBe('移送 执法大队');
    expect(transferText({ kind: 'external', body: '县公安局', documentNo: '交移〔2026〕3号', documentDate: '2026-03-02' })).toBe('移送 县公安局（交移〔2026〕3号，2026-03-02）');
  });

  it('colours the status', () => {
    expect([statusColor('open'), statusColor('in_progress'), statusColor('closed')]).toEqual(['default', 'blue', 'green']);
  });
});
