import type { FormRule } from 'antd';

/** Client-side checks matching the contract (8–256 characters); the server has the last word. */
export const PASSWORD_RULES: FormRule[] = [
  { required: true, message: '请输入密码' },
  { min: 8, message: '密码至少 8 位' },
  { max: 256, message: '密码不超过 256 位' },
];
