import { archiveCheckSchema, type ArchiveCheck } from '../../contracts/archives.ts';
import { apiRequest, buildUrl } from './client.ts';

/** 归档前完整性检查 (or, once archived, the archive's manifest SHA-256 and size). */
export function getArchiveCheck(taskId: string): Promise<ArchiveCheck> {
  return apiRequest('GET', `/api/v1/tasks/${encodeURIComponent(taskId)}/archive/check`, { schema: archiveCheckSchema });
}

/** Archives the task (refused with the missing list as problem errors while incomplete). */
export function archiveTask(taskId: string): Promise<ArchiveCheck> {
  return apiRequest('POST', `/api/v1/tasks/${encodeURIComponent(taskId)}/archive`, { schema: archiveCheckSchema });
}

/** The zip's URL (a plain GET: the browser downloads it). */
export function archiveZipUrl(taskId: string): string {
  return buildUrl(`/api/v1/tasks/${encodeURIComponent(taskId)}/archive.zip`);
}
