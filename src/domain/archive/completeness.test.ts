import { describe, expect, it } from 'vitest';
import { missingForArchive, type CompletenessFacts, type ObjectFacts } from './completeness.ts';

const done = (key: string, name = `企业${key}`): ObjectFacts => ({
  key, name,
  inspection: { published: true, statusLabel: '已公示', missingSignatures: [], evidenceCount: 1, followUpStatuses: ['closed'] },
});
const complete: CompletenessFacts = {
  draw: { drawId: 'QXJT-2026-101', completed: true, statusLabel: '已完成' },
  dispatch: [{ departmentName: '运输管理科', confirmed: true }, { departmentName: '综合执法大队', confirmed: true }],
  objects: [done('K1'), done('K2')],
};

describe('missingForArchive', () => {
  it('is empty when the draw is complete, the lists confirmed and every object done', () => {
    expect(missingForArchive(complete)).toEqual([]);
  });

  it('blocks a task without a completed draw and says nothing else', () => {
    expect(missingForArchive({ ...complete, draw: null }).map((m) => m.kind)).toEqual(['draw_not_completed']);
    const running = missingForArchive({ ...complete, draw: { drawId: 'D-1', completed: false, statusLabel: '种子已产生' } });
    expect(running).toEqual([{ kind: 'draw_not_completed', objectKey: null, message: '抽取 D-1 尚未完成（种子已产生），不能归档' }]);
  });

  it('lists every missing thing, in Chinese, naming the object', () => {
    const missing = missingForArchive({
      ...complete,
      dispatch: [{ departmentName: '运输管理科', confirmed: true }, { departmentName: '综合执法大队', confirmed: false }],
      objects: [
        { key: 'K1', name: '迁西县甲公司', inspection: null },
        {
          key: 'K2', name: '',
          inspection: { published: false, statusLabel: '待审核', missingSignatures: ['检查人员 张三', '被检查对象代表'], evidenceCount: 0, followUpStatuses: [] },
        },
        { key: 'K3', name: '迁西县丙公司', inspection: { published: true, statusLabel: '已公示', missingSignatures: [], evidenceCount: 2, followUpStatuses: ['open', 'in_progress', 'closed'] } },
      ],
    });
    expect(missing).toEqual([
      { kind: 'dispatch_unconfirmed', objectKey: null, message: '综合执法大队 尚未确认抽取 QXJT-2026-101 派发的名单' },
      { kind: 'inspection_missing', objectKey: 'K1', message: '检查对象 迁西县甲公司（K1）：尚未开展检查（无检查记录）' },
      { kind: 'result_not_published', objectKey: 'K2', message: '检查对象 K2：检查结果尚未公示（当前为“待审核”）' },
      { kind: 'signatures_missing', objectKey: 'K2', message: '检查对象 K2：签字不完整，缺少检查人员 张三、被检查对象代表的签字' },
      { kind: 'evidence_missing', objectKey: 'K2', message: '检查对象 K2：没有检查证据（至少一份照片、笔录或签字检查表）' },
      { kind: 'follow_up_open', objectKey: 'K3', message: '检查对象 迁西县丙公司（K3）：有 2 项后续处置尚未完结' },
    ]);
  });

  it('requires evidence for a result without problems too (per inspection, not only per finding)', () => {
    const noEvidence = { ...done('K1'), inspection: { ...done('K1').inspection!, evidenceCount: 0, followUpStatuses: [] } };
    expect(missingForArchive({ ...complete, objects: [noEvidence] }).map((m) => m.kind)).toEqual(['evidence_missing']);
  });
});
