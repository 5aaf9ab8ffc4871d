import { describe, expect, it } from 'vitest';
import { findAnomalies, type ResultFacts } from './anomalies.ts';

let n = 0;
const result = (over: Partial<ResultFacts> = {}): ResultFacts => ({
  resultId: `r${++n}`,
  departmentId: 'YSGL',
  entityKey: `E${n}`,
  officerKeys: ['O1', 'O2'],
  inspectionStart: '2024-05-06',
  inspectionEnd: '2024-05-07',
  enteredOn: '2024-05-08',
  publishedOn: '2024-05-20',
  deadline: '2024-06-05',
  codes: ['1'],
  findingText: `企业${n}经营正常`,
  officerSignatures: 2,
  evidenceCount: 2,
  ...over,
});

const rulesOf = (results: ResultFacts[]) => findAnomalies(results).map((f) => f.rule);

describe('findAnomalies', () => {
  it('flags nothing on a clean result', () => {
    expect(findAnomalies([result()])).toEqual([]);
  });

  it('flags a result entered before the inspection began, or after the deadline', () => {
    expect(rulesOf([result({ enteredOn: '2024-05-01' })])).toEqual(['entered_before_inspection']);
    expect(rulesOf([result({ publishedOn: '2024-06-06' })])).toEqual(['entered_after_deadline']);
  });

  it('flags fewer than two officer signatures and missing evidence', () => {
    expect(rulesOf([result({ officerSignatures: 1, evidenceCount: 0 })])).toEqual(['too_few_signatures', 'evidence_missing']);
  });

  it('flags the same long finding text on different entities, not short stock phrases', () => {
    const text = '经检查，该企业车辆技术档案不完整，未按规定进行二级维护。';
    const flags = findAnomalies([result({ findingText: text }), result({ findingText: ` ${text}` }), result({ findingText: '无' }), result({ findingText: '无' })]);
    expect(flags.map((f) => [f.rule, f.resultIds.length])).toEqual([['identical_findings', 2]]);
  });

  it('flags a department whose 未发现问题 rate is far above its peers', () => {
    const lax = Array.from({ length: 10 }, () => result({ departmentId: 'LAX' }));
    const others = ['P1', 'P2'].flatMap((d) =>
      Array.from({ length: 10 }, (_, i) => result({ departmentId: d, codes: i < 4 ? ['1'] : ['A', '5'] })),
    );
    const flags = findAnomalies([...lax, ...others]).filter((f) => f.rule === 'no_problem_rate_outlier');
    expect(flags.map((f) => f.key)).toEqual(['no_problem_rate_outlier:LAX']);
    expect(flags[0]?.detail).toBe('部门 LAX 未发现问题比例 100.0%，其他部门中位数 40.0%');
  });

  it('flags an entity inspected more often than the cap in a year, and the same officer again and again', () => {
    const again = (end: string) => result({ entityKey: 'E-X', inspectionEnd: end, officerKeys: ['O9', `T${end}`] });
    const flags = findAnomalies([again('2024-03-01'), again('2024-06-01'), again('2024-09-01'), again('2025-01-05')]);
    expect(flags.map((f) => f.key).sort()).toEqual(['over_yearly_cap:E-X:2024', 'repeat_officer:O9:E-X']);
  });
});
