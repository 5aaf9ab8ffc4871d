import { describe, expect, it } from 'vitest';
import { runCli } from '../run-cli.ts';
import { computeUsccCheckChar } from '../../domain/uscc/uscc.ts';

async function run(args: string[]): Promise<{ code: number; out: string[]; err: string[] }> {
  const { code, outLines, errLines } = await runCli(args);
  return { code, out: outLines, err: errLines };
}

describe('suiji uscc', () => {
  it('prints a valid code with its decoding, exit 0', async () => {
    expect(await run(['uscc', '914403001922038216'])).toEqual({
      code: 0, out: ['914403001922038216 valid (市场监管（工商）/企业, region 440300)'], err: [],
    });
  });

  it('prints an invalid code with the reason, exit 1', async () => {
    const result = await run(['uscc', '914403001922038217']);
    expect(result.code).toBe(1);
    expect(result.out).toHaveLength(1);
    expect(result.out[0]).toMatch(/^914403001922038217 invalid: 校验码错误/u);
  });

  it('handles several codes: normalised, warnings, legacy 注册号; exit 1 if any is invalid', async () => {
    const first17 = '92130227MA0ABCDE2';
    const warned = `${first17}${computeUsccCheckChar(first17)}`;
    const result = await run(['uscc', ' 9144030071526726xg ', warned, '110108000000016']);
    expect(result.code).toBe(1);
    expect(result.out[0]).toBe('9144030071526726XG valid (市场监管（工商）/企业, region 440300)');
    expect(result.out[1]).toBe(`${warned} valid (市场监管（工商）/个体工商户, region 130227)`);
    expect(result.out[2]).toMatch(/^ {2}warning: 内嵌组织机构代码/u);
    expect(result.out[3]).toMatch(/^110108000000016 invalid: 这是15位旧版工商注册号/u);
  });

  it('exits 0 when all codes are valid', async () => {
    expect((await run(['uscc', '91110000600037341L', '91330100716105852F'])).code).toBe(0);
  });

  it('exits 2 without a code', async () => {
    expect((await run(['uscc'])).code).toBe(2);
  });
});
