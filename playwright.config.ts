import { existsSync } from 'node:fs';
import { defineConfig } from '@playwright/test';

/** Debian's Chromium (apt-get install chromium); PLAYWRIGHT_CHROMIUM overrides the path. */
export const chromiumPath = process.env.PLAYWRIGHT_CHROMIUM ?? '/usr/bin/chromium';
if (!existsSync(chromiumPath)) {
  throw new Error(
    `End-to-end tests need Chromium at ${chromiumPath}, and it is not there. ` +
      'Install it with: sudo apt-get update && sudo apt-get install -y chromium ' +
      '(or set PLAYWRIGHT_CHROMIUM to the path of a Chromium or Chrome executable).',
  );
}

const port = Number(process.env.E2E_PORT ?? 4321);

export default defineConfig({
  testDir: 'test/e2e',
  testMatch: '**/*.spec.ts',
  timeout: 60_000,
  expect: { timeout: 10_000 },
  fullyParallel: false,
  workers: 1,
  retries: 0,
  reporter: [['list'], ['json', { outputFile: '.test-output/playwright.json' }]],
  outputDir: 'test-results',
  use: {
    baseURL: `http://127.0.0.1:${port}`,
    launchOptions: {
      executablePath: chromiumPath,
      args: ['--headless', '--no-sandbox', '--disable-gpu', '--disable-quic', '--no-first-run', '--disable-background-networking', '--disable-component-update', '--disable-sync'],
    },
    viewport: { width: 1280, height: 860 },
    locale: 'en-GB',
    trace: 'off',
  },
  webServer: {
    command: `npx tsx test/e2e/static-server.ts`,
    url: `http://127.0.0.1:${port}/index.html`,
    reuseExistingServer: !process.env.CI,
    env: { E2E_PORT: String(port) },
    stdout: 'ignore',
    stderr: 'pipe',
    timeout: 60_000,
  },
});
