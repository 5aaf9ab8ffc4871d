import { describe, expect, it } from 'vitest';
import { applyFollowUpEvent, isClosedLoop, isFollowUpOverdue, openFollowUp, type FollowUp, type FollowUpEvent } from './followup.ts';

function run(f: FollowUp, ...events: FollowUpEvent[]): FollowUp {
  return events.reduce((acc, e) => {
    const r = applyFollowUpEvent(acc, e);
    if (!r.ok) throw new Error(r.failure.message);
    return r.followUp;
  }, f);
}

describe('follow-up', () => {
  it('goes from open through progress to closed with a date and an outcome', () => {
    const f = run(openFollowUp('order_correction', '2024-07-01'), { type: 'progress', on: '2024-06-10', note: '已下达责令改正通知书' }, { type: 'close', on: '2024-06-28', outcome: '已整改到位' });
    expect(f).toMatchObject({ status: 'closed', closedOn: '2024-06-28', outcome: '已整改到位' });
    expect(applyFollowUpEvent(f, { type: 'progress', on: '2024-07-01', note: 'x' })).toMatchObject({ ok: false, failure: { code: 'closed' } });
  });

  it('needs a transfer target before a transfer measure can close, and a document for an outside body', () => {
    const f = openFollowUp('transfer_case', null);
    expect(applyFollowUpEvent(f, { type: 'close', on: '2024-06-01', outcome: '结案' })).toMatchObject({ ok: false, failure: { code: 'needs_transfer' } });
    expect(applyFollowUpEvent(f, { type: 'transfer', on: '2024-06-01', target: { kind: 'external', body: '县市场监督管理局', documentNo: '', documentDate: '2024-06-01' } })).toMatchObject({ ok: false, failure: { code: 'needs_document' } });
    const done = run(f, { type: 'transfer', on: '2024-06-01', target: { kind: 'external', body: '县市场监督管理局', documentNo: '迁西交移〔2024〕5号', documentDate: '2024-06-01' } }, { type: 'close', on: '2024-07-01', outcome: '市场监管局已立案' });
    expect(done.status).toBe('closed');
  });

  it('refuses to close without an outcome', () => {
    expect(applyFollowUpEvent(openFollowUp('other', null), { type: 'close', on: '2024-06-01', outcome: '  ' })).toMatchObject({ ok: false, failure: { code: 'needs_outcome' } });
  });

  it('is overdue only past the correction deadline while not closed', () => {
    const f = openFollowUp('order_correction', '2024-07-01');
    expect(isFollowUpOverdue(f, '2024-07-01')).toBe(false);
    expect(isFollowUpOverdue(f, '2024-07-02')).toBe(true);
    expect(isFollowUpOverdue(openFollowUp('notify_department', '2024-07-01'), '2025-01-01')).toBe(false);
  });

  it('is closed-loop when nothing is needed or every follow-up is closed', () => {
    expect(isClosedLoop(false, [])).toBe(true);
    expect(isClosedLoop(true, [])).toBe(false);
    expect(isClosedLoop(true, [{ status: 'closed' }, { status: 'in_progress' }])).toBe(false);
    expect(isClosedLoop(true, [{ status: 'closed' }])).toBe(true);
  });
});
