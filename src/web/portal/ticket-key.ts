import { normalizeIdentifier } from '../../domain/uscc/normalize-identifier.ts';
import { checkRegistrationNumber } from '../../domain/uscc/registration-number.ts';
import { checkUscc } from '../../domain/uscc/uscc.ts';

/**
 * The key to ask the ticket route for, or a Chinese reason why the input is refused: 18
 * characters are checked as a 统一社会信用代码 (check character included), 15 digits as a
 * 注册号 (legacy firms); other numbers of about that length are taken as a mistyped code.
 * Anything else is another object's own code (a vehicle's plate …), asked for as typed.
 */
export function ticketKeyOf(input: string): { ok: true; key: string } | { ok: false; message: string } {
  const text = normalizeIdentifier(input);
  if (text === '') return { ok: false, message: '请输入统一社会信用代码或对象编号' };
  if (text.length === 18 && /^[0-9A-Z]+$/.test(text)) {
    const uscc = checkUscc(text);
    return uscc.ok ? { ok: true, key: uscc.uscc } : { ok: false, message: `统一社会信用代码无效：${uscc.errors.map((e) => e.message).join('；')}` };
  }
  if (/^\d{15}$/.test(text)) {
    const reg = checkRegistrationNumber(text);
    return reg.ok ? { ok: true, key: text } : { ok: false, message: `注册号无效：${reg.errors.map((e) => e.message).join('；')}` };
  }
  if (/^\d{14,19}$/.test(text)) {
    return { ok: false, message: `统一社会信用代码应为 18 位（注册号为 15 位数字），您输入了 ${text.length} 位，请检查后重新输入` };
  }
  const key = input.trim();
  if (key.length > 64) return { ok: false, message: '编号过长，请检查后重新输入' };
  return { ok: true, key };
}
