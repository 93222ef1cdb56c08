/** Reads a user-chosen file with a size limit checked before reading any bytes. */
export async function readFileBytes(file: Blob, maxBytes: number): Promise<Uint8Array | 'too-large'> {
  if (file.size > maxBytes) return 'too-large';
  return new Uint8Array(await file.arrayBuffer());
}

export function formatBytes(bytes: number): string {
  if (bytes < 1024) return `${bytes} bytes`;
  if (bytes < 1024 * 1024) return `${(bytes / 1024).toFixed(1)} KB`;
  if (bytes < 1024 * 1024 * 1024) return `${(bytes / (1024 * 1024)).toFixed(1)} MB`;
  return `${(bytes / (1024 * 1024 * 1024)).toFixed(2)} GB`;
}
