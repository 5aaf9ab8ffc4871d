import { createHash, randomBytes, timingSafeEqual } from 'node:crypto';
import { hash, verify } from '@node-rs/argon2';

/** argon2id with the library defaults (m=19 MiB, t=2, p=1; OWASP minimum). */
export function hashPassword(password: string): Promise<string> {
  return hash(password);
}

export async function verifyPassword(passwordHash: string, password: string): Promise<boolean> {
  try {
    return await verify(passwordHash, password);
  } catch {
    return false;
  }
}

let dummyHash: Promise<string> | undefined;
/** Spends the time of one verification, so unknown users answer as slowly as known ones. */
export async function burnPasswordVerification(password: string): Promise<void> {
  dummyHash ??= hashPassword('suiji-dummy-password-for-timing');
  await verifyPassword(await dummyHash, password);
}

/** A random secret (cookie value, API token, CSRF token), URL-safe. */
export function randomSecret(bytes = 32): string {
  return randomBytes(bytes).toString('base64url');
}

export function sha256Hex(text: string): string {
  return createHash('sha256').update(text, 'utf8').digest('hex');
}

export function safeEqual(a: string, b: string): boolean {
  const ab = Buffer.from(a, 'utf8');
  const bb = Buffer.from(b, 'utf8');
  return ab.length === bb.length && timingSafeEqual(ab, bb);
}

/** A readable random password for `suiji user add` without --password. */
export function generatePassword(): string {
  const alphabet = 'ABCDEFGHJKLMNPQRSTUVWXYZabcdefghijkmnpqrstuvwxyz23456789';
  const bytes = randomBytes(14);
  let out = '';
  for (const b of bytes) out += alphabet[b % alphabet.length];
  // End with a digit so the password always meets the rule of src/contracts/password.ts.
  const digit = String(2 + ((bytes[0] ?? 0) % 8));
  return `${out.slice(0, 6)}-${out.slice(6, 10)}-${out.slice(10)}${digit}`;
}
