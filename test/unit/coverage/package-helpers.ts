/** Writes portfolios as real `.portfolio` files and runs CLI commands against them. */
import { execFile } from 'node:child_process';
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { promisify } from 'node:util';
import type { Command } from '../../../cli/cli-kit';
import { writePackageFile } from '../../../cli/package-file';
import type { PortfolioContent } from '../../../core/model/portfolio';
import { PACKAGE_FORMAT } from '../../../core/package/manifest';

export async function makeTempDir(): Promise<{ dir: string; remove: () => Promise<void> }> {
  const dir = await mkdtemp(join(tmpdir(), 'coverage-cli-'));
  return { dir, remove: () => rm(dir, { recursive: true, force: true }) };
}

export async function writeContent(path: string, content: PortfolioContent): Promise<void> {
  await writePackageFile(
    path,
    { ...content, format: PACKAGE_FORMAT, exportedAt: '2026-03-01T09:00:00.000Z', generator: { name: 'test', version: '1' }, attachments: [] },
    [],
  );
}

export interface CommandOutput {
  code: number;
  stdout: string;
  stderr: string;
}

export async function runCommand(command: Command, argv: string[]): Promise<CommandOutput> {
  let stdout = '';
  let stderr = '';
  const code = await command.run(argv, {
    stdout: (text) => {
      stdout += text.endsWith('\n') ? text : `${text}\n`;
    },
    stderr: (text) => {
      stderr += text.endsWith('\n') ? text : `${text}\n`;
    },
  });
  return { code, stdout, stderr };
}

const root = resolve(import.meta.dirname, '../../..');

/** The real CLI in a child process: exit code and the two streams exactly as a script sees them. */
export async function runCli(argv: string[]): Promise<CommandOutput> {
  try {
    const { stdout, stderr } = await promisify(execFile)(process.execPath, ['--import', 'tsx', join(root, 'cli/main.ts'), ...argv], { cwd: root });
    return { code: 0, stdout, stderr };
  } catch (error) {
    const failed = error as { code?: number; stdout?: string; stderr?: string };
    if (typeof failed.code !== 'number') throw error;
    return { code: failed.code, stdout: failed.stdout ?? '', stderr: failed.stderr ?? '' };
  }
}
