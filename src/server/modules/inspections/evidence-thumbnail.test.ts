import sharp from 'sharp';
import { describe, expect, it } from 'vitest';
import { makeThumbnail, THUMBNAIL_MAX_SIDE } from './evidence-thumbnail.ts';

/** A photo made here: the left half red, the right half blue, so orientation can be seen. */
async function photo(width: number, height: number, format: 'jpeg' | 'png' | 'webp', orientation?: number): Promise<Uint8Array> {
  const half = Math.floor(width / 2);
  const image = sharp({ create: { width, height, channels: 3, background: '#0000ff' } })
    .composite([{ input: { create: { width: half, height, channels: 3, background: '#ff0000' } }, left: 0, top: 0 }]);
  const encoded = format === 'jpeg' ? image.jpeg({ quality: 90 }) : format === 'png' ? image.png() : image.webp();
  const withExif = orientation === undefined ? encoded : encoded.withMetadata({ orientation });
  return new Uint8Array(await withExif.toBuffer());
}

async function pixel(bytes: Uint8Array, x: number, y: number): Promise<[number, number, number]> {
  const { data, info } = await sharp(bytes).raw().toBuffer({ resolveWithObject: true });
  const i = (y * info.width + x) * info.channels;
  return [data[i] ?? -1, data[i + 1] ?? -1, data[i + 2] ?? -1];
}
const reddish = ([r, , b]: [number, number, number]) => r > 200 && b < 60;
const bluish = ([r, , b]: [number, number, number]) => b > 200 && r < 60;

describe('makeThumbnail', () => {
  it.each(['jpeg', 'png', 'webp'] as const)('bounds a %s photo to 320×320, keeps its aspect and writes WebP', async (format) => {
    const thumb = await makeThumbnail(await photo(1200, 800, format));
    expect(thumb).not.toBeNull();
    const meta = await sharp(thumb?.content).metadata();
    expect([meta.format, meta.width, meta.height]).toEqual(['webp', THUMBNAIL_MAX_SIDE, 213]);
    expect([thumb?.mime, thumb?.width, thumb?.height]).toEqual(['image/webp', 320, 213]);
  });

  it('keeps a portrait portrait and never enlarges a small photo', async () => {
    const portrait = await makeThumbnail(await photo(600, 1800, 'jpeg'));
    expect([portrait?.width, portrait?.height]).toEqual([107, 320]);
    const small = await makeThumbnail(await photo(40, 30, 'png'));
    expect([small?.width, small?.height]).toEqual([40, 30]);
  });

  it('applies the EXIF orientation and strips the metadata', async () => {
    // Stored 400×200 (red left, blue right) with orientation 6: shown rotated 90° clockwise,
    // i.e. 200×400 with red on top.
    const bytes = await photo(400, 200, 'jpeg', 6);
    expect((await sharp(bytes).metadata()).orientation).toBe(6);
    const thumb = await makeThumbnail(bytes);
    if (!thumb) throw new Error('no thumbnail');
    expect([thumb.width, thumb.height]).toEqual([160, 320]);
    expect(reddish(await pixel(thumb.content, 80, 40))).toBe(true);
    expect(bluish(await pixel(thumb.content, 80, 280))).toBe(true);
    const meta = await sharp(thumb.content).metadata();
    expect([meta.orientation, meta.exif, meta.icc, meta.xmp]).toEqual([undefined, undefined, undefined, undefined]);
  });

  it('returns null for bytes that only start like a photo, and still thumbnails a truncated JPEG', async () => {
    const fake = Uint8Array.from([0xff, 0xd8, 0xff, 0xe0, 0, 0x10, 0x4a, 0x46, 0x49, 0x46, 0, 1, 1, 0, 0, 1, 0, 1, 0, 0, 0xff, 0xd9]);
    expect(await makeThumbnail(fake)).toBeNull();
    const png = await photo(100, 100, 'png');
    expect(await makeThumbnail(png.subarray(0, 40))).toBeNull();
    const jpeg = await photo(800, 600, 'jpeg');
    const truncated = await makeThumbnail(jpeg.subarray(0, Math.floor(jpeg.length * 0.7)));
    expect([truncated?.width, truncated?.height]).toEqual([320, 240]);
  });
});
