import { describe, expect, it } from 'vitest';
import { computeRegistrationCheckDigit } from '../../domain/uscc/registration-number.ts';
import { computeUsccCheckChar } from '../../domain/uscc/uscc.ts';
import { ticketKeyOf } from './ticket-key.ts';

const first17 = '91130227MA0DUXBW4';
const uscc = `${first17}${computeUsccCheckChar(first17)}`;
const wrongCheck = `${first17}${computeUsccCheckChar(first17) === '0' ? '1' : '0'}`;

describe('ticketKeyOf (the ticket check form)', () => {
  it('takes a valid USCC, normalised (lower case, full width, spaces)', () => {
    expect(ticketKeyOf(uscc)).toEqual({ ok: true, key: uscc });
    expect(ticketKeyOf(` ${uscc.toLowerCase().slice(0, 6)} ${uscc.slice(6).toLowerCase()} `)).toEqual({ ok: true, key: uscc });
  });

  it('refuses a USCC with a wrong check character, in Chinese', () => {
    const result = ticketKeyOf(wrongCheck);
    expect(result.ok).toBe(false);
    expect(!result.ok && result.message).toMatch(/^统一社会信用代码无效：.*校验/);
  });

  it('takes a valid 15-digit registration number and refuses a wrong one', () => {
    const first14 = '13022760000012';
    const valid = `${first14}${computeRegistrationCheckDigit(first14)}`;
    expect(ticketKeyOf(valid)).toEqual({ ok: true, key: valid });
    const wrong = `${first14}${(Number(computeRegistrationCheckDigit(first14)) + 1) % 10}`;
    expect(ticketKeyOf(wrong)).toMatchObject({ ok: false, message: expect.stringMatching(/^注册号无效/) });
  });

  it('refuses empty input and numbers of a wrong length; other codes go as typed', () => {
    expect(ticketKeyOf('  ')).toEqual({ ok: false, message: '请输入统一社会信用代码或对象编号' });
    expect(ticketKeyOf('9113022768095599')).toMatchObject({ ok: false, message: expect.stringContaining('您输入了 16 位') });
    expect(ticketKeyOf(' 冀B87018 ')).toEqual({ ok: true, key: '冀B87018' });
  });
});
