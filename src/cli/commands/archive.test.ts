import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { unzipSync, zipSync } from 'fflate';
import { afterAll, describe, expect, it } from 'vitest';
import { writeArchiveZip } from '../../server/archive/archive-zip.ts';
import { runCli } from '../run-cli.ts';

const dir = mkdtempSync(join(tmpdir(), 'suiji-archive-cli-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

const encode = (text: string) => new TextEncoder().encode(text);
const files = new Map<string, Uint8Array>([
  ['draw/record.json', encode('{"drawId":"QXJT-2024-007-D1"}\n')],
  ['results/91130227MA0A1B2C3D/result.json', encode('{"code":"未发现问题"}\n')],
  ['evidence/91130227MA0A1B2C3D/现场照片.jpg', new Uint8Array([0xff, 0xd8, 0xff, 0xe0, 0, 16])],
]);
const written = writeArchiveZip({ kind: 'task', code: 'QXJT-2024-007', name: '道路货运' }, '2024-12-30T08:00:00.000Z', files);

function save(name: string, bytes: Uint8Array): string {
  const path = join(dir, name);
  writeFileSync(path, bytes);
  return path;
}

describe('suiji archive verify', () => {
  it('accepts an untouched archive and prints the manifest hash', async () => {
    const run = await runCli(['archive', 'verify', save('ok.zip', written.zip)]);
    expect(run.code).toBe(0);
    expect(run.out).toContain(`manifest.json SHA-256 ${written.manifestSha256}`);
    expect(run.out).toMatch(/OK 3 个文件与清单一致（QXJT-2024-007 道路货运）/u);
  });

  it('fails naming the one file that was tampered with', async () => {
    const unpacked = unzipSync(written.zip);
    unpacked['results/91130227MA0A1B2C3D/result.json'] = encode('{"code":"发现问题已责令整改"}\n');
    const run = await runCli(['archive', 'verify', save('tampered.zip', zipSync(unpacked))]);
    expect(run.code).toBe(1);
    const failures = run.outLines.filter((line) => line.startsWith('FAIL'));
    expect(failures).toHaveLength(1);
    expect(failures[0]).toMatch(/^FAIL results\/91130227MA0A1B2C3D\/result\.json：内容被改动/u);
  });

  it('refuses a file that is not a zip with exit 2', async () => {
    const run = await runCli(['archive', 'verify', save('not.zip', encode('hello'))]);
    expect(run).toMatchObject({ code: 2 });
    expect(run.err).toMatch(/不是有效的 zip 文件/u);
    expect((await runCli(['archive', 'verify', join(dir, 'absent.zip')])).code).toBe(2);
  });

  it('writes the same bytes for the same content', () => {
    const again = writeArchiveZip({ kind: 'task', code: 'QXJT-2024-007', name: '道路货运' }, '2024-12-30T08:00:00.000Z', files);
    expect(Buffer.from(again.zip).equals(Buffer.from(written.zip))).toBe(true);
  });
});
