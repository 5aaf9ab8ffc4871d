import { describe, expect, it } from 'vitest';
import { officerIneligibility, type OfficerFacts } from './officer-eligibility.ts';

const valid: OfficerFacts = {
  category: 'officer',
  status: 'active',
  certificateValidFrom: '2022-01-01',
  certificateValidTo: '2026-12-31',
};

describe('officerIneligibility', () => {
  it('accepts an active officer whose certificate is valid on the day, bounds included', () => {
    expect(officerIneligibility(valid, '2024-06-01')).toBeNull();
    expect(officerIneligibility(valid, '2022-01-01')).toBeNull();
    expect(officerIneligibility(valid, '2026-12-31')).toBeNull();
  });

  it('never lets an expert fill an officer place', () => {
    expect(officerIneligibility({ ...valid, category: 'expert' }, '2024-06-01')).toBe('expert');
  });

  it('refuses expired, not yet valid and missing certificates', () => {
    expect(officerIneligibility(valid, '2027-01-01')).toBe('certificate_expired');
    expect(officerIneligibility(valid, '2021-12-31')).toBe('certificate_not_yet_valid');
    expect(officerIneligibility({ ...valid, certificateValidFrom: null, certificateValidTo: null }, '2024-06-01')).toBe('no_certificate');
  });

  it('excludes suspended officers, and those on leave only during their leave', () => {
    expect(officerIneligibility({ ...valid, status: 'suspended' }, '2024-06-01')).toBe('suspended');
    const onLeave: OfficerFacts = { ...valid, status: 'on_leave', leaveFrom: '2024-06-01', leaveTo: '2024-06-10' };
    expect(officerIneligibility(onLeave, '2024-06-05')).toBe('on_leave');
    expect(officerIneligibility(onLeave, '2024-06-11')).toBeNull();
    expect(officerIneligibility({ ...valid, status: 'on_leave' }, '2030-01-01')).toBe('on_leave');
  });
});
