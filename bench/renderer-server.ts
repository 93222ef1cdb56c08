/**
 * Shared by the Chromium benchmarks: builds the renderer when its output is missing or
 * older than its sources, and serves it over HTTP exactly as the app's `app://` handler
 * does (same path guard, same headers and CSP).
 */
import { execFile } from 'node:child_process';
import { existsSync, readdirSync, statSync } from 'node:fs';
import { readFile } from 'node:fs/promises';
import { createServer, type Server } from 'node:http';
import { join } from 'node:path';
import { promisify } from 'node:util';
import { APP_ORIGIN, resolveAppPath, responseHeaders } from '../electron/main/security';

export const ROOT = join(import.meta.dirname, '..');

function newestModification(folder: string): number {
  let latest = 0;
  for (const entry of readdirSync(folder, { withFileTypes: true })) {
    const path = join(folder, entry.name);
    latest = Math.max(latest, entry.isDirectory() ? newestModification(path) : statSync(path).mtimeMs);
  }
  return latest;
}

export async function ensureRendererBuilt(out: string): Promise<void> {
  const index = join(out, 'index.html');
  const sources = Math.max(newestModification(join(ROOT, 'renderer')), newestModification(join(ROOT, 'core')));
  if (existsSync(index) && statSync(index).mtimeMs >= sources) return;
  console.log('Building the renderer (npx electron-vite build)…');
  await promisify(execFile)('npx', ['electron-vite', 'build'], { cwd: ROOT, maxBuffer: 64 * 1024 * 1024 });
}

export async function serveRenderer(out: string): Promise<{ server: Server; origin: string }> {
  const server = createServer((request, response) => {
    const path = resolveAppPath(out, `${APP_ORIGIN}${request.url ?? '/'}`);
    if (!path) {
      response.writeHead(404).end();
      return;
    }
    readFile(path).then(
      (body) => response.writeHead(200, responseHeaders(path)).end(body),
      () => response.writeHead(404).end(),
    );
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const address = server.address();
  if (address === null || typeof address === 'string') throw new Error('The benchmark server has no port.');
  return { server, origin: `http://127.0.0.1:${address.port}` };
}
