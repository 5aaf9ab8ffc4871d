import sharp from 'sharp';

/**
 * Thumbnails of photo evidence for the officer's and the reviewer's evidence lists. libvips
 * (through sharp, whose prebuilt binaries are npm packages) decodes JPEG, PNG and WebP, the
 * photo kinds `checkEvidence` accepts; PDFs get no thumbnail (the web app shows an icon).
 */

/** The longest side of a thumbnail, in pixels: two columns of them fit a phone's width. */
export const THUMBNAIL_MAX_SIDE = 320;
export const THUMBNAIL_MIME = 'image/webp';

// Every photo is different, so libvips' operation cache (50 MB by default) would only hold
// memory: nothing made here is ever asked for twice.
sharp.cache(false);

export interface Thumbnail {
  content: Uint8Array;
  mime: string;
  width: number;
  height: number;
}

/**
 * A thumbnail of a photo: at most THUMBNAIL_MAX_SIDE on each side, aspect kept, never
 * enlarged, turned upright by its EXIF orientation, and without metadata (sharp writes none
 * unless asked: no GPS position or camera serial leaves with the thumbnail).
 *
 * Null when libvips cannot decode the bytes, e.g. a file that starts like a JPEG but is not
 * one (content sniffing only reads the first bytes) or has more pixels than `limitInputPixels`
 * (sharp's default, about 268 megapixels: a decompression bomb is refused, not decoded).
 * A damaged photo that can still be partly decoded, such as a truncated JPEG, gets a
 * thumbnail of what can be read (`failOn: 'none'`), as a browser would show it.
 */
export async function makeThumbnail(bytes: Uint8Array): Promise<Thumbnail | null> {
  try {
    const { data, info } = await sharp(bytes, { failOn: 'none' })
      .rotate()
      .resize(THUMBNAIL_MAX_SIDE, THUMBNAIL_MAX_SIDE, { fit: 'inside', withoutEnlargement: true })
      .webp({ quality: 70 })
      .toBuffer({ resolveWithObject: true });
    return { content: new Uint8Array(data.buffer, data.byteOffset, data.byteLength), mime: THUMBNAIL_MIME, width: info.width, height: info.height };
  } catch {
    return null;
  }
}

/** The evidence_thumbnails row for a photo: its thumbnail, or all null when none can be made. */
export function thumbnailRow(evidenceId: string, thumbnail: Thumbnail | null) {
  return { evidenceId, mime: thumbnail?.mime ?? null, width: thumbnail?.width ?? null, height: thumbnail?.height ?? null, content: thumbnail?.content ?? null };
}
