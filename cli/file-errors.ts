/** Plain sentences for file-system errors, so a missing file never shows a stack trace. */
export function describeFileError(path: string, error: unknown): string {
  const code = typeof error === 'object' && error !== null && 'code' in error ? String(error.code) : '';
  switch (code) {
    case 'ENOENT': return `${path}: there is no such file.`;
    case 'EACCES':
    case 'EPERM': return `${path}: permission denied; the file cannot be read.`;
    case 'EISDIR': return `${path} is a folder, not a file.`;
    case 'ENOSPC': return `${path}: the disk is full.`;
    default: return `${path}: the file could not be read (${code || (error instanceof Error ? error.message : String(error))}).`;
  }
}
