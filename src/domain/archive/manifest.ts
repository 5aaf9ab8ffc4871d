import { bytesToHex, utf8ToBytes } from '@noble/hashes/utils.js';
import { sha256 } from '@noble/hashes/sha2.js';

/**
 * The manifest of a task archive (归档): every file of the zip with its size and SHA-256,
 * so that anyone holding the zip can tell whether a file was changed, removed or added
 * (`suiji archive verify`). The manifest is `manifest.json` at the root of the zip and is
 * not listed in itself; its own SHA-256 is recorded when the archive is made (audit log),
 * which protects the manifest in turn.
 */
export const archiveFormat = 'suiji-archive-v1';
export const manifestPath = 'manifest.json';

export interface ArchiveFileEntry {
  path: string;
  size: number;
  sha256: string;
}

export interface ArchiveManifest {
  format: typeof archiveFormat;
  /** What was archived, e.g. { kind: 'task', code: 'QXJT-2024-007', name: '…' }. */
  subject: { kind: string; code: string; name: string };
  /** ISO 8601 instant the archive was made. */
  createdAt: string;
  /** Sorted by path (UTF-8 byte order, as `LC_ALL=C sort`). */
  files: ArchiveFileEntry[];
}

export type ArchiveProblem =
  | { kind: 'manifest_missing' }
  | { kind: 'manifest_invalid'; reason: string }
  | { kind: 'file_missing'; path: string }
  | { kind: 'file_changed'; path: string; expected: string; actual: string }
  | { kind: 'size_changed'; path: string; expected: number; actual: number }
  | { kind: 'file_unlisted'; path: string };

const encoder = new TextEncoder();

function compareUtf8(a: string, b: string): number {
  const x = encoder.encode(a);
  const y = encoder.encode(b);
  const n = Math.min(x.length, y.length);
  for (let i = 0; i < n; i += 1) {
    const d = (x[i] ?? 0) - (y[i] ?? 0);
    if (d !== 0) return d;
  }
  return x.length - y.length;
}

/** Relative, forward slashes, no empty or dot segments: the same path on every system. */
export function isSafeArchivePath(path: string): boolean {
  if (path.length === 0 || path.length > 512 || path.startsWith('/') || path.includes('\\')) return false;
  return path.split('/').every((segment) => segment !== '' && segment !== '.' && segment !== '..');
}

export function sha256HexOf(bytes: Uint8Array): string {
  return bytesToHex(sha256(bytes));
}

/** Builds the manifest of the given files; refuses unsafe or duplicate paths and the manifest's own name. */
export function buildManifest(
  subject: ArchiveManifest['subject'], createdAt: string, files: ReadonlyMap<string, Uint8Array>,
): ArchiveManifest {
  const entries: ArchiveFileEntry[] = [];
  for (const [path, bytes] of files) {
    if (!isSafeArchivePath(path)) throw new Error(`归档文件路径不合规：${path}`);
    if (path === manifestPath) throw new Error(`${manifestPath} 由清单本身占用`);
    entries.push({ path, size: bytes.length, sha256: sha256HexOf(bytes) });
  }
  entries.sort((a, b) => compareUtf8(a.path, b.path));
  return { format: archiveFormat, subject, createdAt, files: entries };
}

/** The manifest as stored: pretty JSON with a final newline (stable, readable, diffable). */
export function serializeManifest(manifest: ArchiveManifest): Uint8Array {
  return utf8ToBytes(`${JSON.stringify(manifest, null, 2)}\n`);
}

function parseManifest(bytes: Uint8Array): ArchiveManifest | string {
  let json: unknown;
  try {
    json = JSON.parse(new TextDecoder('utf-8', { fatal: true }).decode(bytes));
  } catch {
    return '不是有效的 UTF-8 JSON';
  }
  if (typeof json !== 'object' || json === null) return '应为 JSON 对象';
  const m = json as Partial<ArchiveManifest>;
  if (m.format !== archiveFormat) return `format 应为 ${archiveFormat}`;
  if (!Array.isArray(m.files)) return 'files 应为数组';
  const seen = new Set<string>();
  for (const [i, f] of m.files.entries()) {
    const entry = f as Partial<ArchiveFileEntry> | null;
    if (typeof entry !== 'object' || entry === null || typeof entry.path !== 'string' || !isSafeArchivePath(entry.path)
      || typeof entry.size !== 'number' || typeof entry.sha256 !== 'string' || !/^[0-9a-f]{64}$/u.test(entry.sha256)) {
      return `files[${i}] 应含合规的 path、size 与 64 位小写十六进制 sha256`;
    }
    if (seen.has(entry.path)) return `files 中路径重复：${entry.path}`;
    seen.add(entry.path);
  }
  return m as ArchiveManifest;
}

export interface ArchiveVerification {
  ok: boolean;
  manifest: ArchiveManifest | null;
  /** SHA-256 of manifest.json as found in the zip (compare with the recorded one). */
  manifestSha256: string | null;
  problems: ArchiveProblem[];
}

/** Checks every file of an unpacked archive against its manifest; lists every problem. */
export function verifyArchive(files: ReadonlyMap<string, Uint8Array>): ArchiveVerification {
  const manifestBytes = files.get(manifestPath);
  if (!manifestBytes) return { ok: false, manifest: null, manifestSha256: null, problems: [{ kind: 'manifest_missing' }] };
  const manifestSha256 = sha256HexOf(manifestBytes);
  const parsed = parseManifest(manifestBytes);
  if (typeof parsed === 'string') {
    return { ok: false, manifest: null, manifestSha256, problems: [{ kind: 'manifest_invalid', reason: parsed }] };
  }
  const problems: ArchiveProblem[] = [];
  const listed = new Set<string>();
  for (const entry of parsed.files) {
    listed.add(entry.path);
    const bytes = files.get(entry.path);
    if (!bytes) {
      problems.push({ kind: 'file_missing', path: entry.path });
      continue;
    }
    const actual = sha256HexOf(bytes);
    if (actual !== entry.sha256) problems.push({ kind: 'file_changed', path: entry.path, expected: entry.sha256, actual });
    else if (bytes.length !== entry.size) problems.push({ kind: 'size_changed', path: entry.path, expected: entry.size, actual: bytes.length });
  }
  for (const path of [...files.keys()].sort(compareUtf8)) {
    if (path !== manifestPath && !listed.has(path)) problems.push({ kind: 'file_unlisted', path });
  }
  return { ok: problems.length === 0, manifest: parsed, manifestSha256, problems };
}

/** One line of Chinese per problem, naming the file. */
export function describeArchiveProblem(problem: ArchiveProblem): string {
  switch (problem.kind) {
    case 'manifest_missing': return `缺少清单文件 ${manifestPath}`;
    case 'manifest_invalid': return `清单文件 ${manifestPath} 无效：${problem.reason}`;
    case 'file_missing': return `${problem.path}：清单中有，归档中缺失`;
    case 'file_changed': return `${problem.path}：内容被改动（清单 SHA-256 ${problem.expected}，实际 ${problem.actual}）`;
    case 'size_changed': return `${problem.path}：大小与清单不符（清单 ${problem.expected} 字节，实际 ${problem.actual} 字节）`;
    case 'file_unlisted': return `${problem.path}：不在清单中`;
  }
}
