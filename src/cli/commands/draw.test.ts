import { mkdtempSync, readdirSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { runCli } from '../run-cli.ts';

const vectors = fileURLToPath(new URL('../../domain/draw/vectors/', import.meta.url));
const records = join(vectors, 'records');

async function run(...argv: string[]): Promise<{ code: number; out: string; err: string }> {
  const { code, out, err } = await runCli(argv);
  return { code, out, err };
}

const tmp = mkdtempSync(join(tmpdir(), 'suiji-draw-cli-'));
function tempFile(name: string, content: string): string {
  const path = join(tmp, name);
  writeFileSync(path, content);
  return path;
}

describe('suiji draw', () => {
  const names = readdirSync(vectors).filter((f) => f.endsWith('.input.json')).map((f) => f.slice(0, -'.input.json'.length));

  for (const name of names.filter((n) => !n.startsWith('e'))) {
    it(`prints the expected output of ${name}`, async () => {
      const result = await run('draw', join(vectors, `${name}.input.json`));
      expect(result).toEqual({ code: 0, out: `${readFileSync(join(vectors, `${name}.expected.json`), 'utf8').trimEnd()}\n`, err: '' });
    });
  }

  for (const name of names.filter((n) => n.startsWith('e'))) {
    it(`exits 1 with the reason for ${name}`, async () => {
      const { code: expectedCode } = JSON.parse(readFileSync(join(vectors, `${name}.error.json`), 'utf8')) as { code: string };
      const result = await run('draw', join(vectors, `${name}.input.json`));
      expect(result.code).toBe(1);
      expect(result.out).toBe('');
      expect(result.err).toContain(`[${expectedCode}]`);
      expect(result.err).toMatch(/[\u4e00-\u9fff]/); // Chinese reason
      expect(result.err).toMatch(/\([ -~]*[a-z]{4,}/); // English reason
    });
  }

  it('names the object and slot when matching fails', async () => {
    const result = await run('draw', join(vectors, 'e11-no-officer-open-slot.input.json'));
    expect(result.err).toBe('[NO_ELIGIBLE_OFFICER] 检查对象“A2”的第 3 个开放席位没有符合条件的执法人员，匹配失败 (no eligible officer for open slot #3 of object \'A2\': matching failed)\n');
  });

  it('rejects unknown fields with their path', async () => {
    const result = await run('draw', join(vectors, 'e13-unknown-field.input.json'));
    expect(result.err).toContain('strata[0]: 未知字段 (unknown field) "weight"');
  });

  it('exits 2 on a missing file or bad JSON', async () => {
    const missing = await run('draw', join(tmp, 'missing.json'));
    expect(missing.code).toBe(2);
    expect(missing.err).toContain('无法读取文件');
    const bad = await run('draw', tempFile('bad.json', '{"drawId": '));
    expect(bad.code).toBe(2);
    expect(bad.err).toContain('不是有效的 JSON (not valid JSON)');
  });

  it('accepts a byte order mark', async () => {
    const input = readFileSync(join(vectors, '01-demo.input.json'), 'utf8');
    const result = await run('draw', tempFile('bom.json', `\uFEFF${input}`));
    expect(result.code).toBe(0);
  });
});

describe('suiji verify', () => {
  it('prints OK for untampered records', async () => {
    for (const name of ['02-risk-strata', '03-joint-recusal']) {
      expect(await run('verify', join(records, `${name}.record.json`))).toEqual({ code: 0, out: 'OK\n', err: '' });
    }
  });

  it('lists each difference of a tampered record and exits 1', async () => {
    const record = JSON.parse(readFileSync(join(records, '03-joint-recusal.record.json'), 'utf8')) as {
      output: { strata: { selected: string[] }[]; order: string[]; assignments: { officers: string[] }[] };
    };
    const stratum = record.output.strata[0];
    const team = record.output.assignments[5];
    if (!stratum || !team) throw new Error('fixture changed');
    stratum.selected[7] = '92130227825153186F';
    team.officers[0] = '13022734286020';
    const result = await run('verify', tempFile('tampered.json', JSON.stringify(record)));
    expect(result.code).toBe(1);
    expect(result.out.split('\n')).toEqual([
      '核验不通过：2 处差异 (verification failed: 2 difference(s))',
      expect.stringMatching(/^- strata\[ALL\]\.selected differs: expected \[.*"931302275947779506"\], recorded \[.*"92130227825153186F"\]$/),
      '- assignments[5].officers differ (object 91130227078668486E): expected ["13022751690960","13022721395036","13022732500564"], recorded ["13022734286020","13022721395036","13022732500564"]',
      '',
    ]);
  });

  it('rejects a computation input given as a record, naming the missing fields', async () => {
    const result = await run('verify', join(vectors, '01-demo.input.json'));
    expect(result.code).toBe(1);
    expect(result.err).toContain('[INVALID_DOCUMENT]');
    expect(result.err).toContain('standard:');
    expect(result.err).toContain('output:');
  });

  it('notes a system-generated seed on stderr', async () => {
    const record = JSON.parse(readFileSync(join(records, '03-joint-recusal.record.json'), 'utf8')) as Record<string, unknown>;
    const result = await run('verify', tempFile('system.json', JSON.stringify({ ...record, seedMethod: 'system' })));
    expect(result.code).toBe(0);
    expect(result.out).toBe('OK\n');
    expect(result.err).toContain('系统生成');
  });
});
