import { mkdtemp, readFile, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { InputError, UsageError, type CommandIo } from '../../../cli/cli-kit';
import { command } from '../../../cli/commands/verify';
import type { VerifyResult } from '../../../cli/commands/verify';
import { writePackageFile } from '../../../cli/package-file';
import { formatKeyRegister, keyRegisterEntry } from '../../../core/integrity/key-register';
import { sha256Hex } from '../../../core/integrity/sha256';
import type { PortfolioContent } from '../../../core/model/portfolio';
import { PACKAGE_FORMAT, type PackageManifest } from '../../../core/package/manifest';
import { bytesPayload } from '../../../core/package/writer';
import { baseContent, copy, decide, makeCast, signOff, type Cast } from './fixtures';

let folder: string;
let cast: Cast;
let genuine: PortfolioContent;
const attachmentBytes = new TextEncoder().encode('complaint log export: REF-1042, resolved, 2026-10-01\n'.repeat(20));
let attachmentSha: string;

interface Run {
  code: number;
  stdout: string;
  stderr: string;
}

async function run(...argv: string[]): Promise<Run> {
  let stdout = '';
  let stderr = '';
  const io: CommandIo = { stdout: (text) => (stdout += `${text}\n`), stderr: (text) => (stderr += `${text}\n`) };
  const code = await command.run(argv, io);
  return { code, stdout, stderr };
}

async function writePortfolio(name: string, content: PortfolioContent): Promise<string> {
  const manifest: PackageManifest = {
    ...content,
    format: PACKAGE_FORMAT,
    exportedAt: '2026-11-26T12:00:00.000Z',
    generator: { name: 'integrity-tests', version: '1' },
    attachments: [{ sha256: attachmentSha, size: attachmentBytes.length, mediaType: 'text/csv' }],
  };
  const path = join(folder, name);
  await writePackageFile(path, manifest, [bytesPayload(attachmentSha, attachmentBytes)]);
  return path;
}

beforeAll(async () => {
  folder = await mkdtemp(join(tmpdir(), 'verify-command-'));
  attachmentSha = await sha256Hex(attachmentBytes);
  cast = await makeCast();
  const content = baseContent();
  for (const item of content.evidence) item.attachments = [{ sha256: attachmentSha, name: 'log.csv', mediaType: 'text/csv', size: attachmentBytes.length }];
  content.decisions.push(
    await decide(content, cast.assessor, { id: 'd-1', markingPointId: 'CS5.1.1', evidenceIds: ['ev-1'] }),
    await decide(content, cast.assessor, { id: 'd-2', markingPointId: 'CS5.1.2', evidenceIds: ['ev-2'] }),
  );
  content.signOffs.push(await signOff(content, cast.assessor, { id: 's-1', unitId: 'CS5', decisionIds: ['d-1', 'd-2'] }));
  genuine = content;
});

afterAll(async () => {
  await rm(folder, { recursive: true, force: true });
});

describe('verify command', () => {
  it('passes a genuine package and says what it checked', async () => {
    const path = await writePortfolio('genuine.portfolio', genuine);
    const result = await run(path);
    expect(result.code).toBe(0);
    expect(result.stderr).toBe('');
    const lines = result.stdout.trim().split('\n');
    expect(lines[0]).toBe(`${path}: 1 attachment matches its SHA-256 hash; 3 evidence items hashed.`);
    expect(lines).toContain('Signatures: 2 decisions, 1 unit sign-off and 0 IQA samples checked: 3 sound.');
    expect(lines).toContain(`Signed by Priya Shah (assessor) with key ${cast.assessor.fingerprint}: 3 records.`);
    expect(result.stdout).toMatch(/No key register was given/);
    expect(lines.at(-1)).toBe('Result: passed.');
  });

  it('prints a machine-readable report with --json', async () => {
    const path = await writePortfolio('genuine-json.portfolio', genuine);
    const result = await run(path, '--json');
    expect(result.code).toBe(0);
    const parsed = JSON.parse(result.stdout) as VerifyResult;
    expect(parsed).toMatchObject({
      file: path,
      valid: true,
      attachments: { count: 1, verified: 1 },
      evidence: { count: 3, hashed: 3 },
      register: null,
      checked: { decisions: 2, signOffs: 1, iqaSamples: 0 },
      counts: { ok: 3, forged: 0, stale: 0, 'unknown-key': 0, corrupt: 0 },
    });
    expect(parsed.findings.map((finding) => [finding.ref, finding.kind])).toEqual([
      ['d-1', 'ok'],
      ['d-2', 'ok'],
      ['s-1', 'ok'],
    ]);
  });

  it('fails a package with a forged decision, naming it', async () => {
    const content = copy(genuine);
    content.decisions[1]!.feedback = 'Excellent in every respect.';
    const path = await writePortfolio('forged.portfolio', content);
    const result = await run(path);
    expect(result.code).toBe(1);
    expect(result.stdout).toMatch(/^FORGED\s+Decision on CS5\.1\.2 by Priya Shah: its content does not match its signature/m);
    // The sign-off resting on it fails too.
    expect(result.stdout).toMatch(/^FORGED\s+Sign-off of unit CS5 by Priya Shah is not valid: the decision on CS5\.1\.2 that it rests on is forged\.$/m);
    expect(result.stdout.trim().split('\n').at(-1)).toMatch(/^Result: FAILED/);
    const json = JSON.parse((await run(path, '--json')).stdout) as VerifyResult;
    expect(json.valid).toBe(false);
    expect(json.counts.forged).toBe(2);
  });

  it('warns about a stale decision but still passes', async () => {
    const content = copy(genuine);
    content.evidence[0]!.narrative = 'Rewritten after marking.';
    const path = await writePortfolio('stale.portfolio', content);
    const result = await run(path);
    expect(result.code).toBe(0);
    expect(result.stdout).toMatch(/^OUT OF DATE\s+Decision on CS5\.1\.1 .*"Complaint about a late delivery" has changed/m);
    expect(result.stdout).toMatch(/Result: passed with 2 warnings/);
  });

  it('checks keys against a centre register', async () => {
    const path = await writePortfolio('registered.portfolio', genuine);
    const good = join(folder, 'register.json');
    await writeFile(good, formatKeyRegister([keyRegisterEntry(cast.assessor, { name: 'Priya Shah', role: 'assessor' })]));
    const passed = await run(path, '--register', good);
    expect(passed.code).toBe(0);
    expect(passed.stdout).toContain(`Keys checked against the centre's register ${good} (1 key).`);
    expect(passed.stdout).not.toMatch(/No key register/);
    expect(passed.stdout).toContain(`Signed by Priya Shah (assessor) with key ${cast.assessor.fingerprint}: 3 records, in the register.`);

    const other = join(folder, 'other-register.json');
    await writeFile(other, formatKeyRegister([keyRegisterEntry(cast.secondAssessor, { name: 'Tom Okafor', role: 'assessor' })]));
    const failed = await run(path, `--register=${other}`);
    expect(failed.code).toBe(1);
    expect(failed.stdout).toMatch(/^UNKNOWN KEY\s+Decision on CS5\.1\.1 by Priya Shah: it was signed with key [0-9a-f-]+, which is not in the centre's key register/m);
    const json = JSON.parse((await run(path, '--register', other, '--json')).stdout) as VerifyResult;
    expect(json.register).toEqual({ file: other, keys: 1 });
    expect(json.counts['unknown-key']).toBe(3);
  });

  it('refuses a bad register with one line per problem', async () => {
    const path = await writePortfolio('for-bad-register.portfolio', genuine);
    const bad = join(folder, 'bad-register.json');
    await writeFile(bad, JSON.stringify({ format: 'portfolio-key-register/1', keys: [{ name: 'X', role: 'boss' }] }));
    const error = await run(path, '--register', bad).then(() => undefined, (caught: unknown) => caught);
    expect(error).toBeInstanceOf(InputError);
    expect((error as InputError).message.split('\n')).toEqual([
      `${bad}: /keys/0/role: The role "boss" is not known; it must be "assessor" or "iqa".`,
      `${bad}: /keys/0/algorithm: The algorithm is missing; it must be "Ed25519" or "ECDSA-P256".`,
      `${bad}: /keys/0/fingerprint: The fingerprint is missing.`,
      `${bad}: /keys/0/publicKey: The public key is missing.`,
    ]);
    await expect(run(path, '--register', join(folder, 'missing.json'))).rejects.toThrow(/there is no such file/);
  });

  it('refuses a package whose attachment bytes do not match their hash', async () => {
    const path = await writePortfolio('attachment.portfolio', genuine);
    const bytes = new Uint8Array(await readFile(path));
    const needle = new TextEncoder().encode('REF-1042');
    let at = -1;
    for (let index = 0; index + needle.length <= bytes.length && at < 0; index++) {
      if (needle.every((byte, offset) => bytes[index + offset] === byte)) at = index;
    }
    expect(at).toBeGreaterThan(0);
    bytes[at] = 'X'.charCodeAt(0);
    await writeFile(path, bytes);
    await expect(run(path)).rejects.toThrow(InputError);
    const json = await run(path, '--json');
    expect(json.code).toBe(1);
    const parsed = JSON.parse(json.stdout) as { valid: boolean; problems: Array<{ path: string; message: string }> };
    expect(parsed.valid).toBe(false);
    expect(parsed.problems.length).toBeGreaterThan(0);
    expect(parsed.problems.some((problem) => problem.path.includes(attachmentSha))).toBe(true);
  });

  it('reports wrong usage', async () => {
    await expect(run()).rejects.toThrow(UsageError);
    await expect(run('a.portfolio', '--registry', 'x')).rejects.toThrow(UsageError);
    await expect(run('a.portfolio', '--register')).rejects.toThrow(/needs a value/);
  });
});
