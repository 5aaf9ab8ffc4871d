import { describe, expect, it } from 'vitest';
import { PASSWORD_RULE_TEXT, passwordSchema } from './password.ts';

describe('passwordSchema', () => {
  it('accepts 8+ characters with a letter and a digit', () => {
    expect(passwordSchema.safeParse('Suiji@2024').success).toBe(true);
    expect(passwordSchema.safeParse('abcd1234').success).toBe(true);
  });

  it('refuses short, letter-only and digit-only passwords with the rule in Chinese', () => {
    for (const bad of ['abc123', 'abcdefgh', '12345678']) {
      const r = passwordSchema.safeParse(bad);
      expect(r.success).toBe(false);
      expect(r.error?.issues[0]?.message).toBe(PASSWORD_RULE_TEXT);
    }
  });
});
