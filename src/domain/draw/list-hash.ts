import { toHex } from './hex.ts';
import { sortByCodePoint } from './sort-keys.ts';
import { nobleSha256, type Sha256 } from './ticket.ts';

const encoder = new TextEncoder();

/**
 * The list hash of a stratum (spec §1): SHA-256(k1 + "\n" + … + kn + "\n") over the keys
 * sorted by code point; the empty list hashes the empty string.
 */
export function listHash(keys: readonly string[], digest: Sha256 = nobleSha256): string {
  const sorted = sortByCodePoint(keys);
  const text = sorted.length === 0 ? '' : `${sorted.join('\n')}\n`;
  return toHex(digest(encoder.encode(text)));
}
