import { execFile } from 'node:child_process';
import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { promisify } from 'node:util';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { UsageError, type CommandIo } from '../../../cli/cli-kit';
import { command } from '../../../cli/commands/validate-package';
import { writePackageFile } from '../../../cli/package-file';
import { bytesPayload } from '../../../core/package/writer';
import { attachment, pseudoRandomBytes, sampleManifest } from './fixtures';
import { forgeZip } from './zip-forge';

const execFileAsync = promisify(execFile);

function capture(): CommandIo & { out: string[]; err: string[] } {
  const out: string[] = [];
  const err: string[] = [];
  return { out, err, stdout: (text) => out.push(text), stderr: (text) => err.push(text) };
}

describe('validate-package', () => {
  let folder = '';
  let good = '';
  let bad = '';
  const photo = attachment(pseudoRandomBytes(4096, 8), 'image/png');

  beforeAll(async () => {
    folder = await mkdtemp(join(tmpdir(), 'validate-package-'));
    good = join(folder, 'good.portfolio');
    bad = join(folder, 'bad.portfolio');
    await writePackageFile(good, sampleManifest([photo]), [bytesPayload(photo.sha256, photo.bytes)]);
    // Two problems: a stray entry and a path escaping the package.
    await writeFile(bad, forgeZip([
      { name: 'manifest.json', data: new TextEncoder().encode(JSON.stringify(sampleManifest([photo]))) },
      { name: `attachments/${photo.sha256}`, data: photo.bytes },
      { name: 'notes.txt', data: new Uint8Array(3) },
      { name: '../escape', data: new Uint8Array(3) },
    ]));
  });
  afterAll(async () => {
    await rm(folder, { recursive: true, force: true });
  });

  it('prints a one-line summary and exits 0 for a valid package', async () => {
    const io = capture();
    expect(await command.run([good], io)).toBe(0);
    expect(io.err).toEqual([]);
    expect(io.out).toHaveLength(1);
    expect(io.out[0]).not.toContain('\n');
    expect(io.out[0]).toContain('"Rhian Llŷr"');
    expect(io.out[0]).toContain('cs-test version 2026.1');
    expect(io.out[0]).toMatch(/10 evidence items, 1 attachment \(4 KiB\), 1 assessor decision\./);
  });

  it('prints one line per problem to stderr and exits 1 for an invalid package', async () => {
    const io = capture();
    expect(await command.run([bad], io)).toBe(1);
    expect(io.out).toEqual([]);
    expect(io.err).toHaveLength(2);
    expect(io.err[0]).toMatch(/notes\.txt.*is not expected/);
    expect(io.err[1]).toMatch(/\.\.\/escape.*outside the package/);
  });

  it('gives machine-readable output with --json', async () => {
    const valid = capture();
    expect(await command.run([good, '--json'], valid)).toBe(0);
    expect(JSON.parse(valid.out.join(''))).toMatchObject({ valid: true, learner: 'Rhian Llŷr', evidence: 10, attachments: 1, decisions: 1 });
    const invalid = capture();
    expect(await command.run(['--json', bad], invalid)).toBe(1);
    const report = JSON.parse(invalid.out.join('')) as { valid: boolean; problems: Array<{ path: string; message: string }> };
    expect(report.valid).toBe(false);
    expect(report.problems.map((problem) => problem.path)).toEqual(['notes.txt', '../escape']);
  });

  it('exits 1 with a plain sentence for a missing file', async () => {
    const io = capture();
    expect(await command.run([join(folder, 'missing.portfolio')], io)).toBe(1);
    expect(io.err.join('\n')).toMatch(/missing\.portfolio: there is no such file\./);
  });

  it('treats wrong usage as a usage error', async () => {
    await expect(command.run([], capture())).rejects.toBeInstanceOf(UsageError);
    await expect(command.run([good, bad], capture())).rejects.toBeInstanceOf(UsageError);
    await expect(command.run([good, '--verbose'], capture())).rejects.toBeInstanceOf(UsageError);
  });

  it('exits 0, 1 and 2 from the real command line', async () => {
    const cli = (args: string[]) =>
      execFileAsync(process.execPath, ['--import', 'tsx', 'cli/main.ts', 'validate-package', ...args], { cwd: process.cwd() }).then(
        ({ stdout, stderr }) => ({ code: 0, stdout, stderr }),
        (error: { code: number; stdout: string; stderr: string }) => ({ code: error.code, stdout: error.stdout, stderr: error.stderr }),
      );
    const [ok, invalid, usage] = await Promise.all([cli([good]), cli([bad]), cli([])]);
    expect(ok.code).toBe(0);
    expect(ok.stdout).toMatch(/valid portfolio-package\/1/);
    expect(invalid.code).toBe(1);
    expect(invalid.stderr).toMatch(/notes\.txt/);
    expect(invalid.stderr).not.toMatch(/\n\s+at /);
    expect(usage.code).toBe(2);
    expect(usage.stderr).toMatch(/Give the package file/);
  }, 60_000);
});
