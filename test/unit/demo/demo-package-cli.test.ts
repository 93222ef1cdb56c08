import { mkdtemp, readFile, readdir, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { UsageError, type CommandIo } from '../../../cli/cli-kit';
import { command } from '../../../cli/commands/demo-package';
import { openPackageFile } from '../../../cli/package-file';

interface Captured extends CommandIo {
  out: string[];
  err: string[];
}

function capture(): Captured {
  const out: string[] = [];
  const err: string[] = [];
  return { out, err, stdout: (text) => out.push(text), stderr: (text) => err.push(text) };
}

describe('demo-package command', () => {
  let folder: string;
  let scratch: string;
  const savedTmp = process.env.TMPDIR;

  beforeAll(async () => {
    folder = await mkdtemp(join(tmpdir(), 'demo-package-test-'));
    // The command keeps attachments in a temporary folder while it writes; point it at our own
    // so the test can see it is cleaned up.
    scratch = await mkdtemp(join(tmpdir(), 'demo-package-scratch-'));
    process.env.TMPDIR = scratch;
  });

  afterAll(async () => {
    if (savedTmp === undefined) delete process.env.TMPDIR;
    else process.env.TMPDIR = savedTmp;
    await rm(folder, { recursive: true, force: true });
    await rm(scratch, { recursive: true, force: true });
  });

  it('writes a valid, deterministic package and prints one summary line', async () => {
    const first = join(folder, 'first.portfolio');
    const second = join(folder, 'second.portfolio');
    const io = capture();
    expect(await command.run(['-o', first, '--items', '14', '--images', '3', '--seed', '21'], io)).toBe(0);
    expect(await command.run(['--output', second, '--seed=21', '--items=14', '--images=3'], capture())).toBe(0);
    expect(io.err).toEqual([]);
    expect(io.out).toHaveLength(1);
    expect(io.out[0]).toMatch(new RegExp(`^Wrote ${first.replace(/[.*+?^${}()|[\]\\]/g, '\\$&')}: .*14 evidence items of 10 types, .*3 pictures and .*seed 21\\)\\.$`));
    expect(io.out[0]).not.toContain('\n');

    const a = await openPackageFile(first);
    const b = await openPackageFile(second);
    try {
      expect(a.manifest.evidence).toHaveLength(14);
      expect(b.manifest).toEqual(a.manifest);
      const pictures = a.manifest.attachments.filter((attachment) => attachment.mediaType.startsWith('image/'));
      expect(pictures).toHaveLength(3);
      for (const attachment of a.manifest.attachments) {
        expect((await a.readAttachment(attachment.sha256)).length).toBe(attachment.size);
      }
    } finally {
      await a.close();
      await b.close();
    }
    expect(await readdir(scratch)).toEqual([]);
    // The same options give the same file, byte for byte (CONTRACTS.md: deterministic).
    expect((await readFile(second)).equals(await readFile(first))).toBe(true);
  });

  it('uses the defaults when only the output is given', async () => {
    const path = join(folder, 'defaults.portfolio');
    const io = capture();
    expect(await command.run(['-o', path], io)).toBe(0);
    const opened = await openPackageFile(path);
    try {
      expect(opened.manifest.evidence).toHaveLength(24);
      expect(opened.manifest.attachments.filter((attachment) => attachment.mediaType.startsWith('image/'))).toHaveLength(6);
      expect(opened.manifest.decisions.length).toBeGreaterThan(0);
      expect(io.out[0]).toContain('(seed 1)');
    } finally {
      await opened.close();
    }
  });

  it('reports wrong usage as a usage error', async () => {
    const path = join(folder, 'never.portfolio');
    const cases: Array<[string[], RegExp]> = [
      [[], /-o <file>/],
      [['--items', '5'], /-o <file>/],
      [['-o', path, '--output', path], /once/],
      [['-o', path, 'extra'], /no other arguments/],
      [['-o', path, '--items', '0'], /--items must be between 1 and 30,000 \(a package manifest may be at most 64 MiB\)/],
      [['-o', path, '--items', 'many'], /whole number/],
      [['-o', path, '--images', '10001'], /--images must be between 0 and 10,000/],
      [['-o', path, '--seed', '-1'], /whole number/],
      [['-o', path, '--colour', 'red'], /Unknown option --colour/],
      [['-o'], /needs a value/],
    ];
    for (const [argv, message] of cases) {
      const attempt = command.run(argv, capture());
      await expect(attempt).rejects.toBeInstanceOf(UsageError);
      await expect(command.run(argv, capture())).rejects.toThrow(message);
    }
    await expect(readdir(folder)).resolves.not.toContain('never.portfolio');
  });

  it('refuses, before generating, more items than a package manifest can hold, as a usage error', async () => {
    const path = join(folder, 'huge.portfolio');
    for (const count of ['30001', '90000', '100001']) {
      await expect(command.run(['-o', path, '--items', count], capture())).rejects.toThrow(UsageError);
      await expect(command.run(['-o', path, '--items', count], capture())).rejects.toThrow(/between 1 and 30,000 \(a package manifest may be at most 64 MiB\)/);
    }
    await expect(readdir(folder)).resolves.not.toContain('huge.portfolio');
  });

  it('reports a folder that does not exist as bad input, leaving nothing behind', async () => {
    const path = join(folder, 'missing-folder', 'demo.portfolio');
    await expect(command.run(['-o', path, '--items', '10', '--images', '0'], capture())).rejects.toThrow(/folder does not exist/);
    expect(await readdir(scratch)).toEqual([]);
  });
});
