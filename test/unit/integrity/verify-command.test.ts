import { mkdtemp, readFile, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { InputError, UsageError, type CommandIo } from '../../../cli/cli-kit';
import { command } from '../../../cli/commands/verify';
import type { VerifyResult } from '../../../cli/commands/verify';
import { writePackageFile } from '../../../cli/package-file';
import { formatKeyRegister, keyRegisterEntry, keyRegisterText, signKeyRegister } from '../../../core/integrity/key-register';
import { createSigningKey } from '../../../core/integrity/keys';
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
  // One at a time: each takes the next place in the assessor's chain.
  content.decisions.push(await decide(content, cast.assessor, { id: 'd-1', markingPointId: 'CS5.1.1', evidenceIds: ['ev-1'] }));
  content.decisions.push(await decide(content, cast.assessor, { id: 'd-2', markingPointId: 'CS5.1.2', evidenceIds: ['ev-2'] }));
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
    expect(lines).toContain('Signed records: 2 decisions, 1 unit sign-off, 0 IQA samples and 0 declarations checked: 3 sound.');
    expect(lines).toContain(`Signed by Priya Shah (assessor) with key ${cast.assessor.fingerprint}: 3 records, chain of 3, signer not confirmed.`);
    expect(result.stdout).toMatch(/Signers not confirmed: no key register was given/);
    expect(result.stdout).toMatch(/A record cut from the end of a chain cannot be seen from the package alone: use --against/);
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
      reference: null,
      checked: { decisions: 2, signOffs: 1, iqaSamples: 0, declarations: 0 },
      counts: { ok: 3, forged: 0, chain: 0, missing: 0, changed: 0, untrusted: 0, stale: 0, 'unknown-key': 0, corrupt: 0, 'older-form': 0 },
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
    expect(result.stdout).toMatch(/^FORGED\s+Sign-off of unit CS5 by Priya Shah is not valid: the decision on CS5\.1\.2 that it rests on is forged or damaged\.$/m);
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
    const centre = await createSigningKey();
    const good = join(folder, 'register.json');
    await writeFile(good, keyRegisterText(await signKeyRegister({ keys: [keyRegisterEntry(cast.assessor, { name: 'Priya Shah', role: 'assessor', validFrom: '2026-09-01' })] }, centre, { name: 'Sam Centre' })));
    const passed = await run(path, '--register', good);
    expect(passed.code).toBe(0);
    expect(passed.stdout).toContain(`Keys checked against the centre's register ${good} (1 key, signed by Sam Centre with key ${centre.fingerprint}).`);
    expect(passed.stdout).not.toMatch(/no key register/);
    expect(passed.stdout).toContain(`Signed by Priya Shah (assessor) with key ${cast.assessor.fingerprint}: 3 records, chain of 3, confirmed by the register.`);

    const other = join(folder, 'other-register.json');
    await writeFile(other, keyRegisterText(await signKeyRegister({ keys: [keyRegisterEntry(cast.secondAssessor, { name: 'Tom Okafor', role: 'assessor', validFrom: '2026-09-01' })] }, centre, { name: 'Sam Centre' })));
    const failed = await run(path, `--register=${other}`);
    expect(failed.code).toBe(1);
    expect(failed.stdout).toMatch(/^NOT IN REGISTER\s+Decision on CS5\.1\.1 by Priya Shah: it was signed with key [0-9a-f-]+, which is not in the centre's key register/m);
    const json = JSON.parse((await run(path, '--register', other, '--json')).stdout) as VerifyResult;
    expect(json.register).toEqual({ file: other, keys: 1, format: 'portfolio-key-register/2', signedBy: { name: 'Sam Centre', fingerprint: centre.fingerprint } });
    expect(json.counts['unknown-key']).toBe(3);

    // A register of version 1 (unsigned) is still read.
    const older = join(folder, 'older-register.json');
    await writeFile(older, formatKeyRegister([keyRegisterEntry(cast.assessor, { name: 'Priya Shah', role: 'assessor' })]));
    const olderRun = await run(path, '--register', older);
    expect(olderRun.code).toBe(0);
    expect(olderRun.stdout).toContain(`(1 key, unsigned (older form))`);
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

  it('finds a renamed learner and a record removed from the middle, from the package alone', async () => {
    const renamed = copy(genuine);
    renamed.portfolio.learner.name = 'Alex Other';
    const renamedRun = await run(await writePortfolio('renamed.portfolio', renamed));
    expect(renamedRun.code).toBe(1);
    expect(renamedRun.stdout).toMatch(/^FORGED\s+Decision on CS5\.1\.1 by Priya Shah: it was signed for the learner Sam Learner \(L001\), but this portfolio names the learner Alex Other \(L001\)/m);

    const cut = copy(genuine);
    cut.decisions = cut.decisions.filter((decision) => decision.id !== 'd-1');
    cut.signOffs = [];
    const cutRun = await run(await writePortfolio('cut.portfolio', cut));
    expect(cutRun.code).toBe(1);
    expect(cutRun.stdout).toMatch(/^CHAIN BROKEN\s+Decision on CS5\.1\.2 by Priya Shah \(met, 2026-11-22\) is number 2 in Priya Shah's chain of signed records \(key [0-9a-f-]+\), but number 1 is missing: a signed record has been removed from this portfolio\.$/m);
  });

  it('with --against, reports every record of the reference copy that is missing or changed', async () => {
    const reference = await writePortfolio('assessor-copy.portfolio', genuine);
    const latestCut = copy(genuine);
    latestCut.signOffs = [];
    const path = await writePortfolio('latest-cut.portfolio', latestCut);
    // Alone, a cut tail cannot be seen…
    expect((await run(path)).code).toBe(0);
    // …against the assessor's copy it can.
    const result = await run(path, '--against', reference);
    expect(result.code).toBe(1);
    expect(result.stdout).toMatch(/^MISSING\s+Sign-off of unit CS5 by Priya Shah \(2026-11-23\) is in the reference copy but not in this file: a signed record has been removed\.$/m);
    expect(result.stdout).toContain(`Compared with the reference copy ${reference}: every signed record it holds must be here, unchanged.`);
    const json = JSON.parse((await run(path, `--against=${reference}`, '--json')).stdout) as VerifyResult;
    expect(json.valid).toBe(false);
    expect(json.reference).toEqual({ file: reference, sound: true, problems: [] });
    expect(json.counts.missing).toBe(1);
    // The honest copy against itself passes.
    expect((await run(reference, '--against', reference)).code).toBe(0);
    // A reference that is not a package is refused plainly.
    const notPackage = join(folder, 'not-a-package.portfolio');
    await writeFile(notPackage, 'hello');
    await expect(run(path, '--against', notPackage)).rejects.toThrow(/The reference copy is not a valid package/);
  });

  it('reports wrong usage', async () => {
    await expect(run()).rejects.toThrow(UsageError);
    await expect(run('a.portfolio', '--registry', 'x')).rejects.toThrow(UsageError);
    await expect(run('a.portfolio', '--register')).rejects.toThrow(/needs a value/);
  });
});
