/**
 * Photos and screenshots lose their metadata before they are stored (issue 12 item 6): EXIF
 * (GPS position, owner, camera, dates), XMP, IPTC, comments and PNG text go, losslessly, and
 * the picture looks the same (its orientation is kept; see core/evidence/image-metadata.ts).
 */
import { type ImageMetadataKind, stripImageMetadata } from '../../../../core/evidence/image-metadata';

/** Bigger pictures are attached as they are (the PDF lists rather than embeds them anyway). */
const MAX_CLEANED_BYTES = 64 * 1024 * 1024;

export interface CleanedFile {
  file: File;
  /** What was taken out; empty when there was nothing (or it is not a JPEG or PNG). */
  removed: ImageMetadataKind[];
  /** A JPEG or PNG that could not be read to its end, so nothing was taken out of it. */
  isDamaged: boolean;
  /** Its orientation is not the default, and was kept so it still shows the right way up. */
  isTurned: boolean;
}

export async function withoutPhotoMetadata(file: File): Promise<CleanedFile> {
  const unchanged: CleanedFile = { file, removed: [], isDamaged: false, isTurned: false };
  if (file.size < 8 || file.size > MAX_CLEANED_BYTES) return unchanged;
  const head = new Uint8Array(await file.slice(0, 8).arrayBuffer());
  const isJpeg = head[0] === 0xff && head[1] === 0xd8 && head[2] === 0xff;
  const isPng = head[0] === 0x89 && head[1] === 0x50 && head[2] === 0x4e && head[3] === 0x47;
  if (!isJpeg && !isPng) return unchanged;
  const stripped = stripImageMetadata(new Uint8Array(await file.arrayBuffer()));
  if (stripped.isDamaged) return { ...unchanged, isDamaged: stripped.kinds.length > 0 };
  if (!stripped.isChanged) return unchanged;
  const cleaned = new File([stripped.bytes as Uint8Array<ArrayBuffer>], file.name, { type: file.type, lastModified: file.lastModified });
  return { file: cleaned, removed: stripped.kinds, isDamaged: false, isTurned: stripped.orientation !== 1 };
}
