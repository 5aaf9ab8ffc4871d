import { describe, expect, it } from 'vitest';
import {
  diffSnapshots, duplicateCheckpointCodes, isItemUsable, isWithin, itemUnusableReason, supervisionLevelOfRegion,
} from './item-rules.ts';

describe('isItemUsable', () => {
  it('accepts an active, claimed item', () => {
    expect(isItemUsable({ status: 'active', claimedByDepartmentId: 'd1' })).toBe(true);
    expect(itemUnusableReason({ status: 'active', claimedByDepartmentId: 'd1' })).toBeNull();
  });
  it('refuses an unclaimed item', () => {
    expect(isItemUsable({ status: 'active', claimedByDepartmentId: null })).toBe(false);
    expect(itemUnusableReason({ status: 'active', claimedByDepartmentId: null })).toBe('unclaimed');
  });
  it('refuses a retired item, even when claimed, and names retirement first', () => {
    expect(isItemUsable({ status: 'retired', claimedByDepartmentId: 'd1' })).toBe(false);
    expect(itemUnusableReason({ status: 'retired', claimedByDepartmentId: null })).toBe('retired');
  });
});

describe('supervisionLevelOfRegion', () => {
  it('reads the level from the division code', () => {
    expect(supervisionLevelOfRegion('130000')).toBe('province');
    expect(supervisionLevelOfRegion('130200')).toBe('city');
    expect(supervisionLevelOfRegion('130227')).toBe('county');
    expect(supervisionLevelOfRegion('13022')).toBeNull();
    expect(supervisionLevelOfRegion('abcdef')).toBeNull();
  });
});

describe('diffSnapshots', () => {
  it('lists changed fields only, with before and after', () => {
    expect(diffSnapshots({ a: 1, b: ['x'], c: 'same' }, { a: 2, b: ['x', 'y'], c: 'same', d: 'new' })).toEqual({
      a: [1, 2], b: [['x'], ['x', 'y']], d: [null, 'new'],
    });
    expect(diffSnapshots({ a: null }, {})).toEqual({});
  });
});

describe('checkpoints and periods', () => {
  it('finds duplicate checkpoint codes', () => {
    expect(duplicateCheckpointCodes([{ code: 'A' }, { code: 'B' }, { code: 'A' }])).toEqual(['A']);
    expect(duplicateCheckpointCodes([])).toEqual([]);
  });
  it('checks inclusive, possibly open periods', () => {
    expect(isWithin('2024-05-01', '2024-05-01', '2024-05-01')).toBe(true);
    expect(isWithin('2024-05-02', null, '2024-05-01')).toBe(false);
    expect(isWithin('2024-04-30', '2024-05-01', null)).toBe(false);
    expect(isWithin('2030-01-01', null, null)).toBe(true);
  });
});
