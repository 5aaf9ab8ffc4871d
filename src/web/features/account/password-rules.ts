import type { FormRule } from 'antd';
import { PASSWORD_RULE_TEXT, passwordSchema } from '../../../contracts/password.ts';

/** The contract's password rule, checked in the form before sending; the server has the last word. */
export const PASSWORD_RULES: FormRule[] = [
  { required: true, message: '请输入密码' },
  {
    validator: async (_rule, value: unknown) => {
      if (typeof value !== 'string' || value === '') return;
      const result = passwordSchema.safeParse(value);
      if (!result.success) throw new Error(result.error.issues[0]?.message ?? PASSWORD_RULE_TEXT);
    },
  },
];
