import { unzipSync, zipSync, type Zippable } from 'fflate';
import {
  buildManifest, manifestPath, serializeManifest, sha256HexOf, verifyArchive,
  type ArchiveManifest, type ArchiveVerification,
} from '../../domain/archive/manifest.ts';

/** Unpacked size above which an archive is refused rather than read (zip-bomb guard). */
export const maxUnpackedBytes = 4 * 1024 ** 3;

export interface WrittenArchive {
  zip: Uint8Array;
  manifest: ArchiveManifest;
  /** SHA-256 of manifest.json: record it (audit log) so the manifest itself is protected. */
  manifestSha256: string;
}

/**
 * Packs the files and their manifest into a zip. A fixed modification time keeps the zip
 * the same bytes for the same content; already-compressed media are stored, not deflated.
 */
export function writeArchiveZip(
  subject: ArchiveManifest['subject'], createdAt: string, files: ReadonlyMap<string, Uint8Array>,
): WrittenArchive {
  const manifest = buildManifest(subject, createdAt, files);
  const manifestBytes = serializeManifest(manifest);
  const mtime = new Date(createdAt);
  const entries: Zippable = {};
  for (const [path, bytes] of files) {
    entries[path] = [bytes, { level: /\.(jpe?g|png|webp|pdf|zip|xlsx)$/iu.test(path) ? 0 : 6, mtime }];
  }
  entries[manifestPath] = [manifestBytes, { level: 6, mtime }];
  return { zip: zipSync(entries), manifest, manifestSha256: sha256HexOf(manifestBytes) };
}

export class ArchiveReadError extends Error {}

/** Unpacks a zip into path → bytes; a file that is not a zip, or is too large unpacked, is an ArchiveReadError. */
export function readArchiveZip(zip: Uint8Array): Map<string, Uint8Array> {
  let total = 0;
  let entries: Record<string, Uint8Array>;
  try {
    entries = unzipSync(zip, {
      filter: (file) => {
        total += file.originalSize;
        if (total > maxUnpackedBytes) throw new ArchiveReadError('归档解压后超过 4 GiB，拒绝读取');
        return !file.name.endsWith('/');
      },
    });
  } catch (error) {
    if (error instanceof ArchiveReadError) throw error;
    throw new ArchiveReadError(`不是有效的 zip 文件：${error instanceof Error ? error.message : String(error)}`);
  }
  return new Map(Object.entries(entries));
}

export function verifyArchiveZip(zip: Uint8Array): ArchiveVerification {
  return verifyArchive(readArchiveZip(zip));
}
