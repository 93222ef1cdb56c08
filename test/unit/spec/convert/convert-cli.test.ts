/** `convert-spec` through the real CLI in a child process: streams and exit codes as a script sees them. */
import { writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { validateSpecText } from '../../../../core/spec/validate';
import { makeTempDir, runCli } from '../../coverage/package-helpers';
import { FIXTURES } from './helpers';

let temp: Awaited<ReturnType<typeof makeTempDir>>;
beforeAll(async () => {
  temp = await makeTempDir();
});
afterAll(async () => {
  await temp.remove();
});

describe('convert-spec on the command line', () => {
  it('prints only the specification on stdout, which validate-spec accepts; the summary and notes go to stderr', async () => {
    const source = join(FIXTURES, 'ifate-st9901.json');
    const result = await runCli(['convert-spec', source]);
    expect(result.code).toBe(0);
    expect(validateSpecText(result.stdout).ok).toBe(true);
    expect(JSON.parse(result.stdout)).toMatchObject({ id: 'st9901', qualificationNumber: 'ST9901' });
    expect(result.stderr.trimEnd().split('\n')).toEqual([
      `${source}: converted IfATE / Skills England apprenticeship standard (JSON) "Customer service practitioner (fixture)" to portfolio-qualification/1 (st9901 version 1.2): 3 units, 3 learning outcomes, 9 marking points.`,
      `${source}: note: /duties/2: A duty with no wording (“.”) is left out.`,
    ]);
    const saved = join(temp.dir, 'st9901.json');
    await writeFile(saved, result.stdout);
    expect((await runCli(['validate-spec', saved])).code).toBe(0);
  });

  it('converts each format, with --from or without', async () => {
    for (const [file, format] of [['case-1.0.json', 'case'], ['mahara-nested.matrix', 'mahara'], ['moodle-framework.csv', 'moodle-csv']] as const) {
      for (const argv of [['convert-spec', join(FIXTURES, file)], ['convert-spec', join(FIXTURES, file), '--from', format], ['convert-spec', `--from=${format}`, join(FIXTURES, file)]]) {
        const result = await runCli(argv);
        expect(result.code, argv.join(' ')).toBe(0);
        expect(validateSpecText(result.stdout).ok).toBe(true);
      }
    }
  });

  it('refuses a broken file with one plain line per problem on stderr, exit 1, nothing on stdout', async () => {
    const broken = join(temp.dir, 'broken.csv');
    await writeFile(broken, '"Parent ID number","ID number","Short name"\n"","A","One"\n"Z","B","Two"\n"","A","Again"\n');
    const result = await runCli(['convert-spec', broken]);
    expect(result).toEqual({
      code: 1,
      stdout: '',
      stderr: `${broken}: line 4: The ID number "A" is already used on line 2; each competency needs its own.\n${broken}: line 3: The parent ID number "Z" is not the ID number of any competency in the file (a dangling reference).\n`,
    });
    const wrong = await runCli(['convert-spec', join(FIXTURES, 'case-1.0.json'), '--from', 'mahara']);
    expect(wrong.code).toBe(1);
    expect(wrong.stderr).toContain('does not look like a Mahara SmartEvidence framework (.matrix): it looks like an IMS CASE framework');
    const empty = join(temp.dir, 'empty.json');
    await writeFile(empty, '');
    expect(await runCli(['convert-spec', empty])).toEqual({ code: 1, stdout: '', stderr: `${empty}: The file is empty.\n` });
  });

  it('says what is wrong with the call itself: exit 2 for usage, 1 for a file that is not there', async () => {
    expect(await runCli(['convert-spec'])).toMatchObject({ code: 2, stdout: '' });
    const badFrom = await runCli(['convert-spec', 'a.json', '--from', 'excel']);
    expect(badFrom).toMatchObject({ code: 2, stdout: '' });
    expect(badFrom.stderr).toContain('--from takes one of case, ifate, mahara, moodle-csv, not "excel".');
    expect(await runCli(['convert-spec', 'a.json', 'b.json'])).toMatchObject({ code: 2, stdout: '' });
    expect(await runCli(['convert-spec', 'a.json', '--from'])).toMatchObject({ code: 2, stdout: '' });
    const missing = await runCli(['convert-spec', join(temp.dir, 'nowhere.json')]);
    expect(missing).toMatchObject({ code: 1, stdout: '' });
    expect(missing.stderr).toContain('there is no such file');
    expect(missing.stderr).not.toMatch(/\n\s+at /);
    const help = await runCli(['--help']);
    expect(help.stdout).toContain('convert-spec');
  });
});
