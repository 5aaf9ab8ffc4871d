import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { parseDrawRecord } from '../../contracts/draw.ts';
import type { DrawRecord } from './types.ts';
import { recordInput, verifyRecord } from './verify-record.ts';

function load(name: string): DrawRecord {
  const parsed = parseDrawRecord(JSON.parse(readFileSync(new URL(`./vectors/records/${name}.record.json`, import.meta.url), 'utf8')));
  if (!parsed.ok) throw new Error(parsed.issues.join('\n'));
  return parsed.value;
}

describe('verifyRecord', () => {
  it('passes untampered records', () => {
    expect(verifyRecord(load('03-joint-recusal'))).toEqual({ ok: true, differences: [], notes: [] });
    expect(verifyRecord(load('02-risk-strata'))).toEqual({ ok: true, differences: [], notes: [] });
  });

  it('is the computation input plus metadata plus output', () => {
    const record = load('03-joint-recusal');
    const input: unknown = JSON.parse(readFileSync(new URL('./vectors/03-joint-recusal.input.json', import.meta.url), 'utf8'));
    expect(recordInput(record)).toEqual(input);
  });

  it('reports a changed selection, with the stratum and the order', () => {
    const record = load('02-risk-strata');
    const b = record.output.strata[1];
    if (!b) throw new Error('no stratum B');
    b.selected = ['931302272882255992', '921302277736622676'];
    const report = verifyRecord(record);
    expect(report.ok).toBe(false);
    expect(report.differences).toContainEqual(expect.stringMatching(/^strata\[B\]\.selected differs: expected \["931302272882255992","931302278578879031"\], recorded/));
  });

  it('reports a changed officer with the team index', () => {
    const record = load('03-joint-recusal');
    const team = record.output.assignments?.[3];
    if (!team) throw new Error('no team 3');
    team.officers[1] = '13022751690960';
    const report = verifyRecord(record);
    expect(report.differences).toEqual([expect.stringMatching(/^assignments\[3\]\.officers differ \(object 91130227692315993H\): expected \["13022734286020","13022758253914","13022721395036"\], recorded \["13022734286020","13022751690960","13022721395036"\]$/)]);
  });

  it('reports a changed candidate list by its list hash, and every consequence', () => {
    const record = load('03-joint-recusal');
    record.strata[0]?.candidates.push('91130227000000000X');
    const report = verifyRecord(record);
    expect(report.differences[0]).toMatch(/^strata\[ALL\]\.n differs: expected 43, recorded 42/);
    expect(report.differences).toContainEqual(expect.stringMatching(/listHash of stratum ALL/));
  });

  it('reports a changed seed, a draw before the freeze, and bad department contributions', () => {
    const record = load('02-risk-strata');
    record.seed = '31415926535897932385';
    record.drawnAt = '2024-04-01T08:59:59+08:00';
    const report = verifyRecord(record);
    expect(report.differences).toContainEqual(expect.stringMatching(/is not after frozenAt/));
    expect(report.differences).toContainEqual('seed differs from the department contributions concatenated in sorted order of department names');
    expect(report.differences.some((d) => d.startsWith('strata[A].cutoffTicket differs'))).toBe(true);
  });

  it('reports a recomputation that fails, and notes a system seed', () => {
    const record = load('03-joint-recusal');
    record.seedMethod = 'system';
    if (record.matching) record.matching.requiredDepartments = ['不存在的部门', '运输管理科'];
    const report = verifyRecord(record);
    expect(report.differences).toEqual([expect.stringContaining('[NO_ELIGIBLE_OFFICER]')]);
    expect(report.notes).toEqual([expect.stringContaining('系统生成')]);
  });

  it('reports exclusions of unknown strata and assignments where there is no matching', () => {
    const record = load('03-joint-recusal');
    record.exclusions.push({ stratum: 'Z', reason: '注销', count: 1 });
    delete record.matching;
    const report = verifyRecord(record);
    expect(report.differences).toEqual([
      'assignments differ: expected null (no matching), recorded 8 teams',
      "exclusions[2] names an unknown stratum 'Z'",
    ]);
  });
});
