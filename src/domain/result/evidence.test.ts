import { describe, expect, it } from 'vitest';
import { checkEvidence, sniffEvidenceKind } from './evidence.ts';

const jpeg = Uint8Array.from([0xff, 0xd8, 0xff, 0xe0, 0, 0x10, 0x4a, 0x46, 0x49, 0x46, 0, 1, 1, 0, 0, 1]);
const png = Uint8Array.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a, 0, 0, 0, 0x0d, 0x49, 0x48, 0x44, 0x52]);
const pdf = new TextEncoder().encode('%PDF-1.7\n%âãÏÓ\n');
const webp = new TextEncoder().encode('RIFF\u0000\u0000\u0000\u0000WEBPVP8 ');

describe('evidence', () => {
  it('recognises photos and PDFs by their content', () => {
    expect([jpeg, png, pdf, webp].map(sniffEvidenceKind)).toEqual(['jpeg', 'png', 'pdf', 'webp']);
    expect(sniffEvidenceKind(new TextEncoder().encode('GIF89a......'))).toBeNull();
  });

  it('accepts a file whose claimed type matches, or that claims nothing', () => {
    expect(checkEvidence(jpeg, 2000, 'image/jpeg')).toEqual({ ok: true, kind: 'jpeg', mime: 'image/jpeg' });
    expect(checkEvidence(pdf, 2000, '')).toMatchObject({ ok: true, kind: 'pdf' });
    expect(checkEvidence(png, 2000, 'application/octet-stream')).toMatchObject({ ok: true, kind: 'png' });
  });

  it('refuses a file that lies about its type, an empty one, an unknown one and an oversized one', () => {
    expect(checkEvidence(pdf, 2000, 'image/jpeg')).toMatchObject({ ok: false, code: 'type_mismatch' });
    expect(checkEvidence(new Uint8Array(), 0, 'image/png')).toMatchObject({ ok: false, code: 'empty', message: '文件是空的' });
    expect(checkEvidence(new TextEncoder().encode('MZ\u0090\u0000'), 4, 'image/png')).toMatchObject({ ok: false, code: 'unsupported' });
    expect(checkEvidence(jpeg, 11 * 1024 * 1024, 'image/jpeg')).toMatchObject({ ok: false, code: 'too_large', message: '文件过大（11.0 MB），不能超过 10 MB' });
    expect(checkEvidence(pdf, 11 * 1024 * 1024, 'application/pdf')).toMatchObject({ ok: true });
  });
});
