import { describe, expect, it } from 'vitest';
import { listHash } from './list-hash.ts';
import { sha256Hex } from './ticket.ts';

describe('listHash', () => {
  it('hashes the sorted keys, each followed by a line feed', () => {
    const keys = ['91110000600037341L', '914403001922038216', '9144030071526726XG', '91330100716105852F'];
    expect(listHash([...keys].reverse())).toBe('5fe558888aa6c9ba7f348fc070866c7aaf07c7047380c00ca253bd19c27e40a4');
    expect(listHash(['b', 'a'])).toBe(sha256Hex('a\nb\n'));
  });

  it('hashes the empty list as the empty string', () => {
    expect(listHash([])).toBe('e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855');
  });

  it('sorts by code point, not UTF-16 units', () => {
    expect(listHash(['𠀀', 'ｚ'])).toBe(sha256Hex('ｚ\n𠀀\n'));
  });
});
