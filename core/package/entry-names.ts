/**
 * The only entry names a package may hold: `manifest.json` and `attachments/<sha256 as 64
 * lower-case hex>`. Anything else is refused with a sentence saying what is wrong with it, so
 * nothing in a package can ever be written outside where it belongs.
 */
import { MANIFEST_ENTRY } from './manifest-validation';
import { ATTACHMENTS_FOLDER } from './zip-format';

export type EntryKind = { kind: 'manifest' } | { kind: 'attachment'; sha256: string };
export type EntryNameCheck = { ok: true; entry: EntryKind } | { ok: false; message: string };

const ATTACHMENT_NAME = /^attachments\/([0-9a-f]{64})$/;
const ALLOWED = `a package holds only ${MANIFEST_ENTRY} and files named attachments/<SHA-256 of the file>`;

/** The name as shown in messages: quoted, control characters escaped, long names shortened. */
export function quoteEntryName(name: string): string {
  let shown = '';
  for (const char of name) {
    const code = char.codePointAt(0) as number;
    shown += code < 0x20 || code === 0x7f ? `\\u${code.toString(16).padStart(4, '0')}` : char === '"' ? '\\"' : char;
  }
  if (shown.length > 100) shown = `${shown.slice(0, 60)}…${shown.slice(-30)}`;
  return `"${shown}"`;
}

export function checkEntryName(name: string): EntryNameCheck {
  const shown = quoteEntryName(name);
  const refuse = (why: string): EntryNameCheck => ({ ok: false, message: `The package entry ${shown} ${why}` });
  if (name === MANIFEST_ENTRY) return { ok: true, entry: { kind: 'manifest' } };
  const attachment = ATTACHMENT_NAME.exec(name);
  if (attachment?.[1] !== undefined) return { ok: true, entry: { kind: 'attachment', sha256: attachment[1] } };

  if (name === '') return { ok: false, message: `The package holds an entry with no name; ${ALLOWED}.` };
  if (hasControlCharacter(name)) return refuse(`has control characters in its name; ${ALLOWED}.`);
  if (name.includes('\\')) return refuse(`uses a backslash (\\) in its name; package entries use forward slashes only, and ${ALLOWED}.`);
  if (name.startsWith('/') || /^[A-Za-z]:/.test(name)) return refuse(`has an absolute path; entries must be relative, and ${ALLOWED}.`);
  const parts = name.split('/');
  if (parts.includes('..')) return refuse(`points outside the package (its name contains ".."); ${ALLOWED}.`);
  if (name.endsWith('/')) return refuse(`is a folder entry; ${ALLOWED}.`);
  if (parts.some((part) => part === '' || part === '.')) return refuse(`has an empty or "." part in its path; ${ALLOWED}.`);
  if (parts.length === 1) return refuse(`is not expected; ${ALLOWED}.`);
  if (name.startsWith(ATTACHMENTS_FOLDER) && parts.length === 2) {
    return refuse('is not named by the SHA-256 of its bytes (64 lower-case hexadecimal characters, 0-9 and a-f).');
  }
  return refuse(`is in an unexpected folder ("${parts.slice(0, -1).join('/').slice(0, 60)}"); ${ALLOWED}.`);
}

function hasControlCharacter(text: string): boolean {
  for (let index = 0; index < text.length; index++) {
    const code = text.charCodeAt(index);
    if (code < 0x20 || code === 0x7f) return true;
  }
  return false;
}
