import { writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { UsageError } from '../../../cli/cli-kit';
import { command } from '../../../cli/commands/coverage';
import { evidenceContentHash } from '../../../core/integrity/content-hash';
import type { PortfolioContent } from '../../../core/model/portfolio';
import { cleanContent, makeDecision } from './fixtures';
import { makeTempDir, runCli, runCommand, writeContent } from './package-helpers';

let temp: Awaited<ReturnType<typeof makeTempDir>>;
let packagePath: string;

beforeAll(async () => {
  temp = await makeTempDir();
  const content: PortfolioContent = cleanContent();
  content.qualification.units[1]?.learningOutcomes[0]?.markingPoints.push({ id: 'C2.1.2', text: 'Escalates.' });
  const [e1] = content.evidence;
  if (!e1) throw new Error('fixture changed');
  content.decisions.push(makeDecision('d1', 'C1.1.1', 'met', [{ evidenceId: 'e1', contentHash: await evidenceContentHash(e1) }]));
  content.decisions.push(makeDecision('d2', 'C1.1.2', 'met', [{ evidenceId: 'e2', contentHash: `sha256:${'0'.repeat(64)}` }]));
  packagePath = join(temp.dir, 'learner.portfolio');
  await writeContent(packagePath, content);
});

afterAll(async () => {
  await temp.remove();
});

describe('coverage <file> --json', () => {
  it('prints exactly the contract shape', async () => {
    const { code, stdout, stderr } = await runCommand(command, [packagePath, '--json']);
    expect(code).toBe(0);
    expect(stderr).toBe('');
    expect(JSON.parse(stdout)).toEqual({
      units: [
        {
          id: 'C1',
          learningOutcomes: [
            {
              id: 'C1.LO1',
              markingPoints: [
                { id: 'C1.1.1', evidence: ['e1', 'e2', 'e3', 'e4'], status: 'met' },
                { id: 'C1.1.2', evidence: ['e1', 'e2', 'e3', 'e4'], status: 'stale' },
              ],
            },
          ],
        },
        {
          id: 'C2',
          learningOutcomes: [
            {
              id: 'C2.LO1',
              markingPoints: [
                { id: 'C2.1.1', evidence: ['e1', 'e2', 'e3', 'e4'], status: 'claimed' },
                { id: 'C2.1.2', evidence: [], status: 'gap' },
              ],
            },
          ],
        },
      ],
      summary: { markingPoints: 4, gaps: 1, claimed: 1, met: 1, notYet: 0, stale: 1 },
    });
  });
});

describe('coverage <file>', () => {
  it('prints a table with every marking point, the gap standing out, and a summary', async () => {
    const { code, stdout } = await runCommand(command, [packagePath]);
    expect(code).toBe(0);
    for (const id of ['C1.1.1', 'C1.1.2', 'C2.1.1', 'C2.1.2']) expect(stdout).toContain(id);
    expect(stdout).toMatch(/✗ C2\.1\.2\s+GAP\s+no evidence mapped/);
    expect(stdout).toMatch(/! C1\.1\.2\s+stale/);
    expect(stdout.trimEnd().split('\n').at(-1)).toBe('4 marking points: 1 gap, 1 claimed, 1 met, 0 not yet met, 1 stale.');
  });

  it('rejects wrong usage', async () => {
    await expect(runCommand(command, [])).rejects.toBeInstanceOf(UsageError);
    await expect(runCommand(command, [packagePath, '--csv'])).rejects.toBeInstanceOf(UsageError);
  });

  it('explains a file that is not a package, without a stack trace', async () => {
    const bogus = join(temp.dir, 'not-a-package.portfolio');
    await writeFile(bogus, 'hello');
    const result = await runCli(['coverage', bogus]);
    expect(result.code).toBe(1);
    expect(result.stdout).toBe('');
    expect(result.stderr).toContain('not-a-package.portfolio');
    expect(result.stderr).not.toMatch(/\n\s+at /);
  });

  it('prints valid JSON alone on standard output through the real CLI', async () => {
    const result = await runCli(['coverage', packagePath, '--json']);
    expect(result.code).toBe(0);
    expect(JSON.parse(result.stdout).summary).toEqual({ markingPoints: 4, gaps: 1, claimed: 1, met: 1, notYet: 0, stale: 1 });
  });
});
