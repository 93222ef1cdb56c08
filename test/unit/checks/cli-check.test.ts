import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { command } from '../../../cli/commands/check';
import type { CheckResult } from '../../../core/checks/checks';
import { cleanContent } from '../coverage/fixtures';
import { makeTempDir, runCli, runCommand, writeContent } from '../coverage/package-helpers';

let temp: Awaited<ReturnType<typeof makeTempDir>>;
let cleanPath: string;
let warningPath: string;
let errorPath: string;

beforeAll(async () => {
  temp = await makeTempDir();
  cleanPath = join(temp.dir, 'clean.portfolio');
  await writeContent(cleanPath, cleanContent());

  const withWarning = cleanContent();
  withWarning.declarations = [];
  warningPath = join(temp.dir, 'warning.portfolio');
  await writeContent(warningPath, withWarning);

  const withErrors = cleanContent();
  const [first] = withErrors.evidence;
  if (!first) throw new Error('fixture changed');
  first.narrative = 'The customer gave her number, 07700 900123, and postcode SW1A 1AA.';
  withErrors.declarations = [];
  errorPath = join(temp.dir, 'errors.portfolio');
  await writeContent(errorPath, withErrors);
});

afterAll(async () => {
  await temp.remove();
});

describe('check <file> --json', () => {
  it('prints the JSON array of results and exits 1 when any is an error', async () => {
    const { code, stdout } = await runCommand(command, [errorPath, '--json']);
    expect(code).toBe(1);
    const results = JSON.parse(stdout) as CheckResult[];
    expect(results.map((result) => [result.rule, result.severity, result.ref])).toEqual([
      ['personal-data', 'error', 'evidence:e1'],
      ['personal-data', 'error', 'evidence:e1'],
      ['learner-declaration-missing', 'warning', 'portfolio:pf-1'],
    ]);
    for (const result of results) expect(Object.keys(result).sort()).toEqual(['message', 'ref', 'rule', 'severity']);
    expect(stdout).not.toContain('900123');
  });

  it('exits 0 when there are only warnings', async () => {
    const { code, stdout } = await runCommand(command, [warningPath, '--json']);
    expect(code).toBe(0);
    expect(JSON.parse(stdout)).toEqual([expect.objectContaining({ rule: 'learner-declaration-missing', severity: 'warning' })]);
  });

  it('prints an empty array for a portfolio that passes', async () => {
    const { code, stdout } = await runCommand(command, [cleanPath, '--json']);
    expect(code).toBe(0);
    expect(JSON.parse(stdout)).toEqual([]);
  });
});

describe('check <file>', () => {
  it('prints one line per result on standard output and the count on standard error', async () => {
    const { code, stdout, stderr } = await runCommand(command, [errorPath]);
    expect(code).toBe(1);
    const lines = stdout.trimEnd().split('\n');
    expect(lines).toHaveLength(3);
    expect(lines[0]).toMatch(/^error\s+evidence:e1\s+The narrative of evidence .* UK phone number .* \[personal-data\]$/);
    expect(lines[2]).toMatch(/^warning\s+portfolio:pf-1\s+/);
    expect(stderr).toBe('2 errors and 1 warning. Fix the errors before you submit.\n');
  });

  it('says so when everything passes', async () => {
    const { code, stdout } = await runCommand(command, [cleanPath]);
    expect(code).toBe(0);
    expect(stdout).toBe('All checks passed: nothing to fix.\n');
  });

  it('exits 1 through the real CLI when a check fails, and 1 for a missing file', async () => {
    const failed = await runCli(['check', errorPath, '--json']);
    expect(failed.code).toBe(1);
    expect(JSON.parse(failed.stdout)).toHaveLength(3);
    const missing = await runCli(['check', join(temp.dir, 'nowhere.portfolio')]);
    expect(missing.code).toBe(1);
    expect(missing.stdout).toBe('');
    expect(missing.stderr).toContain('there is no such file');
  });

  it('exits 2 for wrong usage through the real CLI', async () => {
    const result = await runCli(['check']);
    expect(result.code).toBe(2);
    expect(result.stderr).toContain('Give the package file.');
  });
});
