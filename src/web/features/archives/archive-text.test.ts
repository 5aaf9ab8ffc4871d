import { describe, expect, it } from 'vitest';
import type { ArchiveCheck } from '../../../contracts/archives.ts';
import { archiveSummary, formatBytes } from './archive-text.ts';

const base: ArchiveCheck = { taskId: '00000000-0000-4000-8000-000000000001', taskCode: 'QXJT-2026-201', complete: false, missing: [], archive: null };

describe('archive card text', () => {
  it('formats sizes', () => {
    expect([formatBytes(512), formatBytes(2048), formatBytes(3 * 1024 * 1024 + 200_000)]).toEqual(['512 字节', '2.0 KB', '3.2 MB']);
  });

  it('says what is missing, that it may archive, or that it is archived', () => {
    const missing = { ...base, missing: [{ kind: 'evidence_missing' as const, objectKey: 'K', message: 'x' }, { kind: 'follow_up_open' as const, objectKey: 'K', message: 'y' }] };
    expect(archiveSummary(missing)).toEqual({ tone: 'warning', text: '归档前还需补齐 2 项' });
    expect(archiveSummary({ ...base, complete: true }).tone).toBe('info');
    const archived = archiveSummary({
      ...base, complete: true,
      archive: { id: base.taskId, fileName: 'a.zip', manifestSha256: 'f'.repeat(64), zipSha256: 'e'.repeat(64), fileCount: 17, size: 40_960, createdAt: '2026-03-02T09:01:00+08:00', createdBy: '审核人' },
    });
    expect(archived).toEqual({ tone: 'success', text: '已归档（17 个文件，40.0 KB）：任务、抽取、检查结果及后续处置均为只读' });
  });
});
