import type { ArchiveCheck } from '../../../contracts/archives.ts';

/** 1 234 567 bytes → "1.2 MB": the archive's size for people. */
export function formatBytes(size: number): string {
  if (size < 1024) return `${size} 字节`;
  if (size < 1024 * 1024) return `${(size / 1024).toFixed(1)} KB`;
  return `${(size / 1024 / 1024).toFixed(1)} MB`;
}

/** The one-line state of the card: archived, ready, or how many things are missing. */
export function archiveSummary(check: ArchiveCheck): { tone: 'success' | 'info' | 'warning'; text: string } {
  if (check.archive) return { tone: 'success', text: `已归档（${check.archive.fileCount} 个文件，${formatBytes(check.archive.size)}）：任务、抽取、检查结果及后续处置均为只读` };
  if (check.complete) return { tone: 'info', text: '完整性检查已通过，可以归档；归档后本任务的全部记录均为只读' };
  return { tone: 'warning', text: `归档前还需补齐 ${check.missing.length} 项` };
}
