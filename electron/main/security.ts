/**
 * Security guards of the shell, kept free of Electron imports so each can be unit-tested
 * with hostile inputs. Wiring to Electron happens in `index.ts`.
 */
import { realpathSync } from 'node:fs';
import { isAbsolute, join, relative, resolve, sep } from 'node:path';

export const APP_SCHEME = 'app';
export const APP_HOST = 'renderer';
export const APP_ORIGIN = `${APP_SCHEME}://${APP_HOST}`;
export const APP_ENTRY_URL = `${APP_ORIGIN}/index.html`;

/** No 'unsafe-eval', no inline scripts; nothing leaves the machine (no remote origins at all). */
export const CONTENT_SECURITY_POLICY = [
  "default-src 'self'",
  "script-src 'self'",
  "style-src 'self'",
  "img-src 'self' blob: data:",
  "media-src 'self' blob:",
  "font-src 'self'",
  "connect-src 'self'",
  "worker-src 'self' blob:",
  "object-src 'none'",
  "base-uri 'none'",
  "form-action 'none'",
  "frame-ancestors 'none'",
  "frame-src 'none'",
].join('; ');

/**
 * Maps an `app://renderer/...` URL to a file inside `root`, or null when the request must be
 * refused: another scheme or host, traversal (plain or percent-encoded), backslashes, NUL
 * bytes, absolute paths smuggled in a segment, or a symbolic link leading outside `root`.
 */
export function resolveAppPath(root: string, requestUrl: string): string | null {
  let url: URL;
  try {
    url = new URL(requestUrl);
  } catch {
    return null;
  }
  if (url.protocol !== `${APP_SCHEME}:` || url.hostname !== APP_HOST || url.port !== '' || url.username !== '' || url.password !== '') return null;
  // "app://renderer/" is the entry page; otherwise every segment must name something.
  const rawSegments = url.pathname === '/' ? [] : url.pathname.split('/').slice(1);
  const segments: string[] = [];
  for (const raw of rawSegments) {
    let segment: string;
    try {
      segment = decodeURIComponent(raw);
    } catch {
      return null;
    }
    if (segment === '' || segment === '.' || segment === '..') return null;
    if (/[\\/\0:]/.test(segment) || isAbsolute(segment)) return null;
    segments.push(segment);
  }
  const rootPath = resolve(root);
  const candidate = resolve(join(rootPath, ...(segments.length === 0 ? ['index.html'] : segments)));
  if (!isInside(rootPath, candidate)) return null;
  try {
    // A link inside the build folder must not lead outside it.
    const real = realpathSync(candidate);
    if (!isInside(realpathSync(rootPath), real)) return null;
    return real;
  } catch {
    return null;
  }
}

function isInside(root: string, candidate: string): boolean {
  const rel = relative(root, candidate);
  return rel !== '' && !rel.startsWith('..') && !isAbsolute(rel) && !rel.split(sep).includes('..');
}

/** The origins whose pages may talk to the main process: the app itself, plus the dev server in development. */
export function trustedOrigins(devServerUrl: string | undefined, isPackaged: boolean): string[] {
  const origins = [APP_ORIGIN];
  if (!isPackaged && devServerUrl) {
    try {
      const dev = new URL(devServerUrl);
      if ((dev.protocol === 'http:' && (dev.hostname === 'localhost' || dev.hostname === '127.0.0.1'))) origins.push(dev.origin);
    } catch {
      // A malformed dev URL trusts nothing extra.
    }
  }
  return origins;
}

export function originOf(url: string): string | null {
  try {
    const parsed = new URL(url);
    // Non-special schemes report "null" as origin in WHATWG URL; build it from the parts.
    return parsed.protocol === `${APP_SCHEME}:` ? `${parsed.protocol}//${parsed.host}` : parsed.origin;
  } catch {
    return null;
  }
}

/** Navigation away from the app is never allowed; in-app it is a single page. */
export function isAllowedNavigation(url: string, origins: readonly string[]): boolean {
  const origin = originOf(url);
  return origin !== null && origins.includes(origin);
}

/** A sender is trusted only if it is the top frame of our window showing our own origin. */
export function isTrustedSender(
  frame: { url: string; parent?: unknown } | null | undefined,
  origins: readonly string[],
): boolean {
  if (!frame || typeof frame.url !== 'string') return false;
  if (frame.parent !== null && frame.parent !== undefined) return false;
  return isAllowedNavigation(frame.url, origins);
}

const MIME_TYPES: Record<string, string> = {
  '.html': 'text/html; charset=utf-8',
  '.js': 'text/javascript; charset=utf-8',
  '.mjs': 'text/javascript; charset=utf-8',
  '.css': 'text/css; charset=utf-8',
  '.json': 'application/json; charset=utf-8',
  '.svg': 'image/svg+xml',
  '.png': 'image/png',
  '.jpg': 'image/jpeg',
  '.ico': 'image/x-icon',
  '.woff2': 'font/woff2',
  '.ttf': 'font/ttf',
  '.wasm': 'application/wasm',
};

export function mimeTypeFor(path: string): string {
  const dot = path.lastIndexOf('.');
  return (dot === -1 ? undefined : MIME_TYPES[path.slice(dot).toLowerCase()]) ?? 'application/octet-stream';
}

/**
 * The build's scripts and styles sit in assets/ under names that carry a hash of their content,
 * so a cached copy can never be stale: they may be kept for good, which also lets Chromium keep
 * their compiled code (the scheme's codeCache privilege) and start the app sooner. Everything
 * else (index.html) is checked every time, so a new version is picked up at once.
 */
const HASHED_ASSET = /[\\/]assets[\\/][^\\/]+-[\w-]{8}\.(?:js|css)$/;

/** Headers for every file served to the window. */
export function responseHeaders(path: string): Record<string, string> {
  return {
    'Content-Type': mimeTypeFor(path),
    'Content-Security-Policy': CONTENT_SECURITY_POLICY,
    'X-Content-Type-Options': 'nosniff',
    'Cross-Origin-Opener-Policy': 'same-origin',
    'Cache-Control': HASHED_ASSET.test(path) ? 'public, max-age=31536000, immutable' : 'no-cache',
  };
}

/**
 * A file name safe to offer in a save dialog: no folders, no control or reserved
 * characters, not empty, at most 120 characters, with the wanted extension.
 */
export function safeFileName(suggested: string, extension: string): string {
  const base = String(suggested)
    .replace(/[\p{Cc}<>:"/\\|?*]/gu, ' ')
    .replace(/\s+/g, ' ')
    .replace(/^[.\s]+|[.\s]+$/g, '')
    .slice(0, 120)
    .trim();
  const stem = base === '' ? 'portfolio' : base;
  return stem.toLowerCase().endsWith(extension) ? stem : `${stem}${extension}`;
}
