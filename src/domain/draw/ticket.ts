import { sha256 } from '@noble/hashes/sha2.js';
import { utf8ToBytes } from '@noble/hashes/utils.js';
import { toHex } from './hex.ts';

/**
 * A SHA-256 implementation: bytes in, 32-byte digest out. By default the domain uses
 * @noble/hashes (pure, runs in browsers) with a prefix-state fast path; another correct
 * implementation (e.g. node:crypto's) may be passed and gives the same draw.
 */
export type Sha256 = ((bytes: Uint8Array) => Uint8Array) & {
  /**
   * Optional one-shot `text => hex digest of its UTF-8 bytes`. Where the platform has a native
   * SHA-256 (node:crypto's hash()), hashing the whole short text in one native call is ~4×
   * faster than continuing a JavaScript prefix state: a million-candidate draw spends most of
   * its time on tickets (src/server/draw/node-sha256.ts).
   */
  hex?: (text: string) => string;
};

export const nobleSha256: Sha256 = (bytes) => sha256(bytes);

/** SHA-256 of the UTF-8 bytes of `text`, as 64 lowercase hex characters. */
export function sha256Hex(text: string, digest: Sha256 = nobleSha256): string {
  return toHex(digest(utf8ToBytes(text)));
}

const encoder = new TextEncoder();

/**
 * Returns `key => SHA-256(prefix + key)` in hex. The prefix is hashed once (its full 64-byte
 * blocks are compressed once, the rest is kept in the state) and each key continues from a
 * copy of that state in one reused hash instance, so no string is concatenated and no hash
 * object is allocated per ticket. With another SHA-256 (`digest`), the prefix is encoded once
 * and each key is encoded into a reused buffer.
 */
export function prefixedHasher(prefix: string, digest?: Sha256): (key: string) => string {
  const hex = digest?.hex;
  if (hex) return (key) => hex(prefix + key);
  const prefixBytes = encoder.encode(prefix);
  if (!digest) {
    const base = sha256.create().update(prefixBytes);
    const work = sha256.create();
    const out = new Uint8Array(32);
    let keyBytes = new Uint8Array(256);
    return (key) => {
      // A UTF-16 unit becomes at most 3 UTF-8 bytes.
      if (key.length * 3 > keyBytes.length) keyBytes = new Uint8Array(key.length * 3);
      const { written } = encoder.encodeInto(key, keyBytes);
      base._cloneInto(work);
      work.update(keyBytes.subarray(0, written)).digestInto(out);
      return toHex(out);
    };
  }
  let buffer = new Uint8Array(prefixBytes.length + 256);
  buffer.set(prefixBytes);
  return (key) => {
    // A UTF-16 unit becomes at most 3 UTF-8 bytes.
    if (prefixBytes.length + key.length * 3 > buffer.length) {
      buffer = new Uint8Array(prefixBytes.length + key.length * 3);
      buffer.set(prefixBytes);
    }
    const { written } = encoder.encodeInto(key, buffer.subarray(prefixBytes.length));
    return toHex(digest(buffer.subarray(0, prefixBytes.length + written)));
  };
}

/** ticket(key) = SHA-256("suiji-draw-v1\n" + seed + "\n" + drawId + "\n" + key) (spec §3). */
export function drawTicketer(seed: string, drawId: string, digest?: Sha256): (key: string) => string {
  return prefixedHasher(`suiji-draw-v1\n${seed}\n${drawId}\n`, digest);
}

/** officerTicket = SHA-256("suiji-match-v1\n" + seed + "\n" + drawId + "\n" + objectKey + "\n" + officerKey) (spec §4). */
export function matchTicketer(seed: string, drawId: string, objectKey: string, digest?: Sha256): (officerKey: string) => string {
  return prefixedHasher(`suiji-match-v1\n${seed}\n${drawId}\n${objectKey}\n`, digest);
}

export function drawTicket(seed: string, drawId: string, key: string): string {
  return sha256Hex(`suiji-draw-v1\n${seed}\n${drawId}\n${key}`);
}

export function matchTicket(seed: string, drawId: string, objectKey: string, officerKey: string): string {
  return sha256Hex(`suiji-match-v1\n${seed}\n${drawId}\n${objectKey}\n${officerKey}`);
}
