/** The spec commands through the real CLI in a child process: exit codes and both streams as a script sees them. */
import { spawn } from 'node:child_process';
import { writeFile } from 'node:fs/promises';
import { join, resolve } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { terminalText } from '../../../cli/cli-kit';
import { validateSpecText } from '../../../core/spec/validate';
import { builtinSpec } from '../../../core/spec/builtin';
import { makeTempDir, runCli } from '../coverage/package-helpers';

let temp: Awaited<ReturnType<typeof makeTempDir>>;

beforeAll(async () => {
  temp = await makeTempDir();
});

afterAll(async () => {
  await temp.remove();
});

async function writeSpec(name: string, content: string | Uint8Array): Promise<string> {
  const path = join(temp.dir, name);
  await writeFile(path, content);
  return path;
}

describe('builtin-spec and validate-spec on the command line', () => {
  it('prints the built-in specification as JSON and nothing else; it validates, with one summary line', async () => {
    const printed = await runCli(['builtin-spec']);
    expect(printed.code).toBe(0);
    expect(printed.stderr).toBe('');
    expect(validateSpecText(printed.stdout).ok).toBe(true);

    const path = await writeSpec('builtin.json', printed.stdout);
    const checked = await runCli(['validate-spec', path]);
    expect(checked).toEqual({ code: 0, stdout: `${path}: valid portfolio-qualification/1 "${builtinSpec().title}" (cs-diploma-l3 version ${builtinSpec().version}): 5 units, 13 learning outcomes, 23 marking points.\n`, stderr: '' });
    const json = await runCli(['validate-spec', path, '--json']);
    expect(JSON.parse(json.stdout)).toMatchObject({ valid: true, id: 'cs-diploma-l3', units: 5, markingPoints: 23 });
  });

  it('lists every problem on its own line on stderr, exit 1, nothing on stdout; --json puts them on stdout', async () => {
    const spec = builtinSpec() as unknown as { units: Array<{ id: string }>; colour?: string };
    spec.colour = 'blue';
    if (spec.units[1]) spec.units[1].id = spec.units[0]?.id ?? 'CS1';
    const path = await writeSpec('bad.json', JSON.stringify(spec));
    const result = await runCli(['validate-spec', path]);
    expect(result.code).toBe(1);
    expect(result.stdout).toBe('');
    const lines = result.stderr.trimEnd().split('\n');
    expect(lines).toHaveLength(2);
    expect(lines.every((line) => line.startsWith(`${path}: /`))).toBe(true);
    expect(result.stderr).toContain('/colour: "colour" is not a recognised field here.');
    expect(result.stderr).toContain('/units/1/id: "CS1" is already used by /units/0/id');

    const json = await runCli(['validate-spec', path, '--json']);
    expect(json.code).toBe(1);
    expect(JSON.parse(json.stdout)).toEqual({ valid: false, problems: [expect.objectContaining({ path: '/colour' }), expect.objectContaining({ path: '/units/1/id' })] });
  });

  it('keeps to one line per problem and one summary line whatever the file holds (line breaks, terminal escapes)', async () => {
    const spec = builtinSpec() as unknown as Record<string, unknown>;
    spec.title = 'Line one\nLine two \u001b[31mred\u001b[0m \u202eevil';
    const valid = await runCli(['validate-spec', await writeSpec('escapes.json', JSON.stringify(spec))]);
    expect(valid.code).toBe(0);
    expect(valid.stdout.split('\n')).toHaveLength(2);
    expect(valid.stdout).toContain('"Line one Line two \\u001b[31mred\\u001b[0m \\u202eevil"');
    expect(valid.stdout).not.toContain('\u001b');

    spec['bad\nkey\u001b[2J'] = 1;
    const invalid = await runCli(['validate-spec', await writeSpec('bad-key.json', JSON.stringify(spec))]);
    expect(invalid.code).toBe(1);
    expect(invalid.stderr.trimEnd().split('\n')).toHaveLength(1);
    expect(invalid.stderr).toContain('/bad key\\u001b[2J: "bad key [2J" is not a recognised field here.');
  });

  it('accepts one byte-order mark and refuses a second, naming it', async () => {
    const text = JSON.stringify(builtinSpec());
    const bom = new Uint8Array([0xef, 0xbb, 0xbf]);
    const once = await writeSpec('bom.json', new Uint8Array([...bom, ...new TextEncoder().encode(text)]));
    const twice = await writeSpec('bom2.json', new Uint8Array([...bom, ...bom, ...new TextEncoder().encode(text)]));
    expect((await runCli(['validate-spec', once])).code).toBe(0);
    const refused = await runCli(['validate-spec', twice]);
    expect(refused.code).toBe(1);
    expect(refused.stderr).toContain('found a byte-order mark (U+FEFF), which may only come once, at the very start, at line 1, column 1');
  });

  it('says what is wrong with the call itself: exit 2 for usage, 1 for a file that is not there', async () => {
    expect(await runCli(['validate-spec'])).toMatchObject({ code: 2, stdout: '' });
    expect(await runCli(['validate-spec', 'a.json', 'b.json'])).toMatchObject({ code: 2, stdout: '' });
    expect(await runCli(['validate-spec', 'a.json', '--colour'])).toMatchObject({ code: 2, stdout: '' });
    const missing = await runCli(['validate-spec', join(temp.dir, 'nowhere.json')]);
    expect(missing.code).toBe(1);
    expect(missing.stderr).not.toMatch(/\n\s+at /);
  });

  it('stops quietly when the reader closes the pipe early (builtin-spec | head -c 1)', async () => {
    const root = resolve(import.meta.dirname, '../../..');
    const child = spawn(process.execPath, ['--import', 'tsx', join(root, 'cli/main.ts'), 'builtin-spec'], { cwd: root, stdio: ['ignore', 'pipe', 'pipe'] });
    let stderr = '';
    child.stderr.on('data', (chunk: Buffer) => (stderr += chunk.toString()));
    child.stdout.once('data', () => child.stdout.destroy());
    const code = await new Promise<number | null>((done) => child.on('close', done));
    expect(stderr).toBe('');
    expect(code).toBe(0);
  });
});

describe('terminalText', () => {
  it('turns line breaks into spaces and shows other control and direction characters as escapes', () => {
    expect(terminalText('a\nb\r\nc\td\u2028e')).toBe('a b  c d e');
    expect(terminalText('\u001b[2J\u0000\u007f\u009b')).toBe('\\u001b[2J\\u0000\\u007f\\u009b');
    expect(terminalText('abc\u202edef\u2066')).toBe('abc\\u202edef\\u2066');
    expect(terminalText('Siân Ní Bhriain — £5 🎉')).toBe('Siân Ní Bhriain — £5 🎉');
  });
});
