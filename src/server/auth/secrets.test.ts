import { describe, expect, it } from 'vitest';
import { passwordSchema } from '../../contracts/password.ts';
import { generatePassword } from './secrets.ts';

describe('generatePassword', () => {
  it('always meets the password rule, and differs each time', () => {
    const seen = new Set<string>();
    for (let i = 0; i < 200; i++) {
      const password = generatePassword();
      expect(passwordSchema.safeParse(password).success).toBe(true);
      seen.add(password);
    }
    expect(seen.size).toBe(200);
  });
});
