/**
 * Serves the built renderer to Chromium for end-to-end tests, through the same path guard
 * and headers (CSP included) as the app's `app://` protocol handler: http://host/x is
 * answered exactly as app://renderer/x would be.
 */
import { readFile } from 'node:fs/promises';
import { createServer } from 'node:http';
import { join } from 'node:path';
import { APP_ORIGIN, resolveAppPath, responseHeaders } from '../../electron/main/security';

const root = join(import.meta.dirname, '..', '..', 'out', 'renderer');
const port = Number(process.env.E2E_PORT ?? 4321);

const server = createServer((request, response) => {
  const path = resolveAppPath(root, `${APP_ORIGIN}${request.url ?? '/'}`);
  if (!path) {
    response.writeHead(404, { 'Content-Type': 'text/plain' }).end('Not found');
    return;
  }
  readFile(path).then(
    (body) => response.writeHead(200, responseHeaders(path)).end(body),
    () => response.writeHead(404, { 'Content-Type': 'text/plain' }).end('Not found'),
  );
});
server.listen(port, '127.0.0.1', () => {
  process.stderr.write(`Serving ${root} on http://127.0.0.1:${port}\n`);
});
