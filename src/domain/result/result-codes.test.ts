import { describe, expect, it } from 'vitest';
import { checkResultCodes } from './result-codes.ts';

const codesOf = (codes: string[]) => checkResultCodes(codes).problems.map((p) => p.code);

describe('checkResultCodes', () => {
  it('accepts 未发现问题 alone, without a follow-up', () => {
    expect(checkResultCodes(['1'])).toEqual({ problems: [], followUpRequired: false });
  });

  it('refuses 未发现问题 together with anything else', () => {
    expect(codesOf(['1', 'E'])).toEqual(['no_problem_exclusive']);
  });

  it('needs a subtype with A, and then opens a follow-up', () => {
    expect(codesOf(['A'])).toEqual(['a_needs_subtype']);
    expect(checkResultCodes(['A', '5'])).toEqual({ problems: [], followUpRequired: true });
  });

  it('refuses a subtype without A, unknown, duplicate and empty codes', () => {
    expect(codesOf(['5'])).toEqual(['subtype_without_a']);
    expect(codesOf(['Z'])).toEqual(['unknown_code']);
    expect(codesOf(['E', 'E'])).toEqual(['duplicate_code']);
    expect(codesOf([])).toEqual(['empty']);
  });

  it('gives Chinese messages', () => {
    expect(checkResultCodes(['5']).problems[0]?.message).toBe('问题类型“违反交通运输相关规定”须与“发现问题待后续处理”一同选择');
  });
});
