import { z } from 'zod';

/**
 * The password rule, one place for the server (validation) and the web forms (hints):
 * 8–256 characters with at least one letter and one digit. Government systems commonly
 * require mixed characters (等保 2.0 asks for complexity); length matters most, so the
 * rule stays simple and is stated to the user in full.
 */
export const PASSWORD_RULE_TEXT = '密码至少 8 位，须同时包含字母和数字';

export const passwordSchema = z
  .string()
  .min(8, PASSWORD_RULE_TEXT)
  .max(256, '密码不能超过 256 位')
  .refine((p) => /\p{L}/u.test(p) && /\p{Nd}/u.test(p), PASSWORD_RULE_TEXT);
