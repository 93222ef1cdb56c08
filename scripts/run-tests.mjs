// `npm test`: typecheck, lint, unit and database tests (vitest), build, then end-to-end
// tests (Playwright in Chromium). Every stage runs even if an earlier one fails, so one
// run shows everything that is wrong; the last line is the total, `N passed, N failed,
// N skipped`, where a failed typecheck, lint or build counts as one failure each.
import { spawnSync } from 'node:child_process';
import { existsSync, mkdirSync, readFileSync, rmSync } from 'node:fs';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';

const root = resolve(dirname(fileURLToPath(import.meta.url)), '..');
const outputDir = join(root, '.test-output');
mkdirSync(outputDir, { recursive: true });
const bin = (name) => join(root, 'node_modules', '.bin', name);

const totals = { passed: 0, failed: 0, skipped: 0 };
const summary = [];

function run(label, command, args) {
  process.stderr.write(`\n▶ ${label}\n`);
  const result = spawnSync(command, args, { cwd: root, stdio: 'inherit', env: process.env });
  return result.status === 0;
}

function check(label, command, args) {
  const ok = run(label, command, args);
  summary.push(`${ok ? 'ok  ' : 'FAIL'} ${label}`);
  if (!ok) totals.failed += 1;
  return ok;
}

function readJson(path) {
  try {
    return JSON.parse(readFileSync(path, 'utf8'));
  } catch {
    return undefined;
  }
}

check('generate validators', process.execPath, [join(root, 'scripts', 'build-validators.mjs')]);
check('typecheck (node)', bin('tsc'), ['-p', 'tsconfig.node.json']);
check('typecheck (web)', bin('tsc'), ['-p', 'tsconfig.web.json']);
check('typecheck (tests)', bin('tsc'), ['-p', 'tsconfig.test.json']);
check('lint', bin('eslint'), ['.', '--max-warnings', '0']);

const vitestJson = join(outputDir, 'vitest.json');
rmSync(vitestJson, { force: true });
const vitestOk = run('unit and database tests (vitest)', bin('vitest'), ['run', '--reporter=default', '--reporter=json', `--outputFile.json=${vitestJson}`]);
const vitest = readJson(vitestJson);
if (vitest) {
  totals.passed += vitest.numPassedTests ?? 0;
  totals.failed += vitest.numFailedTests ?? 0;
  totals.skipped += (vitest.numPendingTests ?? 0) + (vitest.numTodoTests ?? 0);
  summary.push(`${vitestOk ? 'ok  ' : 'FAIL'} vitest: ${vitest.numPassedTests} passed, ${vitest.numFailedTests} failed, ${vitest.numPendingTests} skipped`);
  // A suite that fails to load has no tests to count; count it.
  if (!vitestOk && (vitest.numFailedTests ?? 0) === 0) totals.failed += Math.max(1, vitest.numFailedTestSuites ?? 1);
} else {
  totals.failed += 1;
  summary.push('FAIL vitest: no results were written');
}

const built = check('build (electron-vite)', bin('electron-vite'), ['build']);
if (built) {
  const playwrightJson = join(outputDir, 'playwright.json');
  rmSync(playwrightJson, { force: true });
  const e2eOk = run('end-to-end tests (Playwright, Chromium)', bin('playwright'), ['test']);
  const report = readJson(playwrightJson);
  if (report?.stats) {
    const { expected = 0, unexpected = 0, flaky = 0, skipped = 0 } = report.stats;
    totals.passed += expected + flaky;
    totals.failed += unexpected;
    totals.skipped += skipped;
    summary.push(`${e2eOk ? 'ok  ' : 'FAIL'} playwright: ${expected + flaky} passed, ${unexpected} failed, ${skipped} skipped`);
    if (!e2eOk && unexpected === 0) totals.failed += 1;
  } else {
    totals.failed += 1;
    summary.push('FAIL playwright: no results were written (is Chromium installed? see the message above)');
  }
} else {
  summary.push('skip playwright: the build failed');
}

process.stderr.write(`\n${summary.join('\n')}\n\n`);
process.stdout.write(`${totals.passed} passed, ${totals.failed} failed, ${totals.skipped} skipped\n`);
process.exitCode = totals.failed > 0 ? 1 : 0;
if (!existsSync(join(root, 'node_modules'))) process.exitCode = 1;
