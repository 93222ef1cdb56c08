/**
 * `export-pdf` and `npm run demo` end to end: a real package file in, a real PDF file out,
 * written atomically, with one summary line on standard output.
 */
import { existsSync, readdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { InputError, UsageError } from '../../../cli/cli-kit';
import { command } from '../../../cli/commands/export-pdf';
import { runDemo } from '../../../cli/demo';
import { writePackageFile } from '../../../cli/package-file';
import { cleanContent } from '../coverage/fixtures';
import { writeContent } from '../coverage/package-helpers';
import { demoPortfolio } from './helpers/fixtures';
import { pageCount, pagesText, qpdfCheck, tempDir } from './helpers/pdf-tools';

const work = tempDir('export-pdf-cli-');
/** The demo: deliberate gaps, so its checks find errors. */
let packagePath: string;
/** A portfolio every check passes. */
let cleanPath: string;

function io(): { out: string[]; err: string[]; io: { stdout: (text: string) => void; stderr: (text: string) => void } } {
  const out: string[] = [];
  const err: string[] = [];
  return { out, err, io: { stdout: (text) => out.push(text), stderr: (text) => err.push(text) } };
}

beforeAll(async () => {
  const demo = await demoPortfolio(6, 2, 9);
  packagePath = work.file('small.portfolio');
  await writePackageFile(
    packagePath,
    demo.manifest,
    [...demo.attachments].map(([sha256, bytes]) => ({
      sha256,
      size: bytes.length,
      chunks: async function* () {
        yield bytes;
      },
    })),
  );
  cleanPath = work.file('clean.portfolio');
  await writeContent(cleanPath, cleanContent());
}, 60_000);

afterAll(() => work.cleanup());

describe('export-pdf', () => {
  it('writes a valid PDF and prints one summary line', async () => {
    const output = work.file('out.pdf');
    const capture = io();
    expect(await command.run([cleanPath, '-o', output], capture.io)).toBe(0);
    expect(capture.out).toHaveLength(1);
    const pages = pageCount(output);
    expect(capture.out[0]).toMatch(new RegExp(`^Wrote ${pages} pages \\(\\d+(\\.\\d)? (KB|MB)\\) to ${output.replace(/[.*+?^${}()|[\]\\]/g, '\\$&')}\\.$`));
    expect(qpdfCheck(output).status).toBe(0);
    expect(readdirSync(work.dir).filter((name) => name.endsWith('.tmp'))).toEqual([]);
  });

  it('refuses a final print of a package whose checks find errors, saying why, and writes nothing', async () => {
    const output = work.file('final-of-failing.pdf');
    const failure = command.run([packagePath, '-o', output], io().io);
    await expect(failure).rejects.toBeInstanceOf(InputError);
    const error = (await failure.catch((caught: unknown) => caught)) as InputError;
    expect(error.exitCode).toBe(1);
    expect(error.message).toContain('not ready for a final submission');
    expect(error.message).toContain('[marking-point-gap]');
    expect(error.message).toContain('--draft');
    expect(existsSync(output)).toBe(false);
    expect(readdirSync(work.dir).filter((name) => name.endsWith('.tmp'))).toEqual([]);
  });

  it('marks a draft on every page and reports it in JSON', async () => {
    const output = work.file('draft.pdf');
    const capture = io();
    expect(await command.run([packagePath, '--draft', '--json', `--output=${output}`], capture.io)).toBe(0);
    const report = JSON.parse(capture.out[0] ?? '{}') as { output: string; pages: number; bytes: number; isDraft: boolean };
    expect(report).toMatchObject({ output, isDraft: true, pages: pageCount(output), bytes: readFileSync(output).length });
    for (const page of pagesText(output)) expect(page).toContain('DRAFT');
  });

  it('refuses wrong usage with a usage error', async () => {
    await expect(command.run([packagePath], io().io)).rejects.toBeInstanceOf(UsageError);
    await expect(command.run([packagePath, '-o', work.file('a.pdf'), '--output', work.file('b.pdf')], io().io)).rejects.toBeInstanceOf(UsageError);
    await expect(command.run([packagePath, '-o', packagePath], io().io)).rejects.toThrow('would overwrite the package');
    await expect(command.run([packagePath, '-o', work.file('c.pdf'), '--colour'], io().io)).rejects.toBeInstanceOf(UsageError);
  });

  it('refuses an invalid package, naming it, and writes nothing', async () => {
    const broken = work.file('broken.portfolio');
    writeFileSync(broken, 'this is not a zip file');
    const output = work.file('never.pdf');
    const failure = command.run([broken, '-o', output], io().io);
    await expect(failure).rejects.toBeInstanceOf(InputError);
    await expect(failure).rejects.toThrow(broken);
    expect(existsSync(output)).toBe(false);
  });

  it('explains a folder that does not exist and leaves no temporary file', async () => {
    const output = join(work.dir, 'missing-folder', 'out.pdf');
    await expect(command.run([cleanPath, '-o', output], io().io)).rejects.toThrow(`${output}: the folder does not exist.`);
  });

  it('leaves an existing PDF untouched when the export fails', async () => {
    const output = work.file('keep.pdf');
    writeFileSync(output, 'previous PDF');
    const broken = work.file('broken-2.portfolio');
    writeFileSync(broken, 'PK not really');
    await expect(command.run([broken, '-o', output], io().io)).rejects.toBeInstanceOf(InputError);
    expect(readFileSync(output, 'utf8')).toBe('previous PDF');
  });
});

describe('npm run demo', () => {
  it('writes the demo package and its PDF into the output folder', async () => {
    const outDir = join(work.dir, 'demo-out');
    const result = await runDemo(['--items', '5', '--images', '1', '--seed', '2'], outDir);
    expect(result.packagePath).toBe(join(outDir, 'demo.portfolio'));
    expect(result.pdfPath).toBe(join(outDir, 'demo.pdf'));
    expect(qpdfCheck(result.pdfPath).status).toBe(0);
    expect(pageCount(result.pdfPath)).toBe(result.pages);
    expect(readFileSync(result.packagePath).subarray(0, 2).toString('latin1')).toBe('PK');
    // The demo's deliberate gaps are check errors, so its PDF is a draft, marked on every page.
    expect(result.isDraft).toBe(true);
    expect(result.errors).toBeGreaterThan(0);
    for (const page of pagesText(result.pdfPath)) expect(page).toContain('DRAFT');
  }, 60_000);

  it('refuses unknown arguments', async () => {
    await expect(runDemo(['--items', 'many'], join(work.dir, 'never'))).rejects.toBeInstanceOf(UsageError);
    await expect(runDemo(['extra'], join(work.dir, 'never'))).rejects.toBeInstanceOf(UsageError);
  });
});
