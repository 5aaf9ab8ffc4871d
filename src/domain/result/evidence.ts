/**
 * Evidence files (检查证据): photos and PDFs, recognised by their content, never by the
 * name or the type the browser claims, with size limits. A file that says it is a JPEG
 * but is not one is refused, and so is an empty or oversized file.
 */

export const evidenceKinds = ['jpeg', 'png', 'webp', 'pdf'] as const;
export type EvidenceKind = (typeof evidenceKinds)[number];

export const evidenceMime: Record<EvidenceKind, string> = {
  jpeg: 'image/jpeg',
  png: 'image/png',
  webp: 'image/webp',
  pdf: 'application/pdf',
};

export interface EvidenceLimits {
  maxImageBytes: number;
  maxPdfBytes: number;
}

export const DEFAULT_EVIDENCE_LIMITS: EvidenceLimits = { maxImageBytes: 10 * 1024 * 1024, maxPdfBytes: 20 * 1024 * 1024 };

const startsWith = (bytes: Uint8Array, magic: readonly number[], offset = 0) => magic.every((b, i) => bytes[offset + i] === b);

/** The kind of file the bytes are, from their signature; null when none of the accepted kinds. */
export function sniffEvidenceKind(head: Uint8Array): EvidenceKind | null {
  if (startsWith(head, [0xff, 0xd8, 0xff])) return 'jpeg';
  if (startsWith(head, [0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a])) return 'png';
  if (startsWith(head, [0x52, 0x49, 0x46, 0x46]) && startsWith(head, [0x57, 0x45, 0x42, 0x50], 8)) return 'webp';
  if (startsWith(head, [0x25, 0x50, 0x44, 0x46, 0x2d])) return 'pdf';
  return null;
}

export type EvidenceCheck =
  | { ok: true; kind: EvidenceKind; mime: string }
  | { ok: false; code: 'empty' | 'unsupported' | 'type_mismatch' | 'too_large'; message: string };

/**
 * Check an uploaded file: `head` is at least its first 16 bytes, `size` its length,
 * `claimedMime` what the client said (may be empty).
 */
export function checkEvidence(head: Uint8Array, size: number, claimedMime: string, limits: EvidenceLimits = DEFAULT_EVIDENCE_LIMITS): EvidenceCheck {
  if (size === 0) return { ok: false, code: 'empty', message: '文件是空的' };
  const kind = sniffEvidenceKind(head);
  if (kind === null) return { ok: false, code: 'unsupported', message: '只能上传 JPEG、PNG、WebP 照片或 PDF 文件' };
  const mime = evidenceMime[kind];
  const claimed = claimedMime.toLowerCase().split(';')[0]?.trim() ?? '';
  if (claimed !== '' && claimed !== 'application/octet-stream' && claimed !== mime && !(claimed === 'image/jpg' && kind === 'jpeg')) {
    return { ok: false, code: 'type_mismatch', message: `文件声称是 ${claimed}，实际内容是 ${mime}，请检查后重新上传` };
  }
  const max = kind === 'pdf' ? limits.maxPdfBytes : limits.maxImageBytes;
  if (size > max) return { ok: false, code: 'too_large', message: `文件过大（${(size / 1048576).toFixed(1)} MB），不能超过 ${max / 1048576} MB` };
  return { ok: true, kind, mime };
}
