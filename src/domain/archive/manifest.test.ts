import { utf8ToBytes } from '@noble/hashes/utils.js';
import { describe, expect, it } from 'vitest';
import {
  buildManifest, describeArchiveProblem, isSafeArchivePath, manifestPath, serializeManifest, sha256HexOf, verifyArchive,
} from './manifest.ts';

const subject = { kind: 'task', code: 'QXJT-2024-007', name: '道路货运企业双随机抽查' };
const files = new Map<string, Uint8Array>([
  ['draw/record.json', utf8ToBytes('{"drawId":"D1"}\n')],
  ['forms/91130227MA0A1B2C3D.xlsx', new Uint8Array([80, 75, 3, 4, 1, 2, 3])],
  ['evidence/照片-1.jpg', new Uint8Array([0xff, 0xd8, 0xff, 0xe0])],
]);

function archive(extra?: (m: Map<string, Uint8Array>) => void): Map<string, Uint8Array> {
  const manifest = buildManifest(subject, '2024-12-30T08:00:00.000Z', files);
  const all = new Map(files);
  all.set(manifestPath, serializeManifest(manifest));
  extra?.(all);
  return all;
}

describe('archive manifest', () => {
  it('lists every file with size and SHA-256, sorted by UTF-8 bytes', () => {
    const manifest = buildManifest(subject, '2024-12-30T08:00:00.000Z', files);
    expect(manifest.files.map((f) => f.path)).toEqual(['draw/record.json', 'evidence/照片-1.jpg', 'forms/91130227MA0A1B2C3D.xlsx']);
    expect(manifest.files[0]).toEqual({ path: 'draw/record.json', size: 16, sha256: sha256HexOf(utf8ToBytes('{"drawId":"D1"}\n')) });
    // The FIPS 180-2 example, so sha256HexOf is the real SHA-256.
    expect(sha256HexOf(utf8ToBytes('abc'))).toBe('ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad');
  });

  it('verifies an untouched archive', () => {
    const result = verifyArchive(archive());
    expect(result.ok).toBe(true);
    expect(result.problems).toEqual([]);
    expect(result.manifestSha256).toMatch(/^[0-9a-f]{64}$/u);
  });

  it('names a changed, a missing and an added file', () => {
    const result = verifyArchive(archive((m) => {
      m.set('evidence/照片-1.jpg', new Uint8Array([0xff, 0xd8, 0xff, 0xe1]));
      m.delete('draw/record.json');
      m.set('forms/extra.pdf', new Uint8Array([1]));
    }));
    expect(result.ok).toBe(false);
    expect(result.problems.map((p) => [p.kind, 'path' in p ? p.path : ''])).toEqual([
      ['file_missing', 'draw/record.json'],
      ['file_changed', 'evidence/照片-1.jpg'],
      ['file_unlisted', 'forms/extra.pdf'],
    ]);
    expect(result.problems.map(describeArchiveProblem)[1]).toMatch(/^evidence\/照片-1\.jpg：内容被改动/u);
  });

  it('refuses a missing or malformed manifest', () => {
    expect(verifyArchive(new Map(files)).problems).toEqual([{ kind: 'manifest_missing' }]);
    const bad = verifyArchive(archive((m) => m.set(manifestPath, utf8ToBytes('{"format":"other","files":[]}'))));
    expect(bad).toMatchObject({ ok: false, problems: [{ kind: 'manifest_invalid', reason: 'format 应为 suiji-archive-v1' }] });
    const unsafe = verifyArchive(archive((m) => m.set(manifestPath, utf8ToBytes(
      JSON.stringify({ format: 'suiji-archive-v1', files: [{ path: '../etc/passwd', size: 1, sha256: '0'.repeat(64) }] }),
    ))));
    expect(unsafe.problems[0]).toMatchObject({ kind: 'manifest_invalid' });
  });

  it('accepts only relative forward-slash paths', () => {
    expect(isSafeArchivePath('a/b.txt')).toBe(true);
    for (const bad of ['', '/a', 'a/../b', './a', 'a//b', 'a\\b']) expect(isSafeArchivePath(bad)).toBe(false);
    expect(() => buildManifest(subject, '', new Map([['../x', new Uint8Array()]]))).toThrow(/路径不合规/u);
    expect(() => buildManifest(subject, '', new Map([[manifestPath, new Uint8Array()]]))).toThrow(/清单本身/u);
  });
});
