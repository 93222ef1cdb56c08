/**
 * `verify <file> [--against <reference.portfolio>] [--register <file>] [--json]`: the
 * integrity of a package (CONTRACTS.md §3 and §5).
 *
 * - Attachment hashes: opening the package checks every attachment's bytes against its name
 *   and that every referenced attachment is there (an invalid package stops here, exit 1).
 * - Evidence content hashes: each evidence item is hashed now, to compare with the hashes the
 *   assessors' decisions pinned.
 * - Signed records (core/integrity/verify.ts): every decision, unit sign-off, IQA sample and
 *   declaration over its payload; for records of version 2 also the learner, qualification
 *   and portfolio they were signed for and each signer's chain (gaps, repeats, forks); one key
 *   per person and the first key seen for a name.
 * - `--against`: every signed record the reference (an honest copy: the assessor's own export
 *   or an earlier package) holds must be in the file, unchanged: a tail cut off a chain shows.
 * - `--register`: whether the centre vouches for each key, for that signer, on that day.
 *
 * Out-of-date decisions are warnings. Exit 1 when anything is forged, damaged, missing, out of
 * its chain or not trusted, or (with a register) signed by a key it does not vouch for.
 */
import { open } from 'node:fs/promises';
import { CanonicalJsonError } from '../../core/integrity/canonical-json';
import { evidenceContentHash } from '../../core/integrity/content-hash';
import { MAX_KEY_REGISTER_BYTES, parseKeyRegisterBytes, type KeyRegister } from '../../core/integrity/key-register';
import { findingSeverity, verifyPortfolio, type FindingKind, type VerificationReport } from '../../core/integrity/verify';
import type { EvidenceItem } from '../../core/model/portfolio';
import { formatProblem } from '../../core/problems';
import { EXIT_INVALID, EXIT_OK, InputError, exactlyOnePositional, hasFlag, optionValue, parseArgs, terminalText, type Command } from '../cli-kit';
import { describeFileError } from '../file-errors';
import { PackageFileError, openPackageFile, type OpenedPackage } from '../package-file';

export const command: Command = {
  summary: 'Checks integrity: attachment and evidence hashes, signed records and their chains, optionally against an honest copy.',
  usage: 'verify <file.portfolio> [--against <reference.portfolio>] [--register <keys.json>] [--json]',
  async run(argv, io) {
    const args = parseArgs(argv, ['--register', '--against'], ['--json']);
    const path = exactlyOnePositional(args, 'package file');
    const registerPath = optionValue(args, '--register');
    const referencePath = optionValue(args, '--against');
    // Read the register first: a bad register is reported before any long package read.
    const register = registerPath === undefined ? undefined : await readRegister(registerPath);
    const isJson = hasFlag(args, '--json');
    let opened: OpenedPackage;
    try {
      opened = await openPackageFile(path);
    } catch (error) {
      // Machines asked for JSON get it even when the package cannot be opened (bad attachment hashes and so on).
      if (isJson && error instanceof PackageFileError) {
        io.stdout(JSON.stringify({ file: path, valid: false, problems: error.problems }, null, 2));
        return EXIT_INVALID;
      }
      throw error;
    }
    try {
      const { manifest } = opened;
      const reference = referencePath === undefined ? undefined : await readReference(referencePath, register);
      const hashes = await currentHashes(path, manifest.evidence);
      const report = await verifyPortfolio(manifest, hashes, { ...(register ? { register } : {}), ...(reference ? { reference: reference.manifest } : {}) });
      const isValid = report.isValid && (reference?.isSound ?? true);
      const result: VerifyResult = {
        file: path,
        valid: isValid,
        attachments: { count: manifest.attachments.length, verified: manifest.attachments.length },
        evidence: { count: manifest.evidence.length, hashed: hashes.size },
        register: register ? { file: registerPath ?? '', keys: register.keys.length, format: register.format, ...(register.signedBy ? { signedBy: register.signedBy } : {}) } : null,
        reference: reference ? { file: referencePath ?? '', sound: reference.isSound, problems: reference.problems } : null,
        checked: report.checked,
        counts: report.counts,
        signers: report.signers,
        findings: report.findings,
      };
      io.stdout(isJson ? JSON.stringify(result, null, 2) : formatVerification(result, report));
      return isValid ? EXIT_OK : EXIT_INVALID;
    } finally {
      await opened.close();
    }
  },
};

/** The `--json` output (when the package cannot be opened at all: `{ file, valid: false, problems }`). */
export interface VerifyResult {
  file: string;
  /** False when anything is an error: forged, damaged, missing, out of its chain, not trusted, or (with a register) not vouched for. */
  valid: boolean;
  attachments: { count: number; verified: number };
  evidence: { count: number; hashed: number };
  register: { file: string; keys: number; format: string; signedBy?: { name: string; fingerprint: string } } | null;
  /** The reference copy given with `--against`; `sound` is false when it does not verify by itself. */
  reference: { file: string; sound: boolean; problems: string[] } | null;
  checked: VerificationReport['checked'];
  counts: Record<FindingKind, number>;
  signers: VerificationReport['signers'];
  findings: VerificationReport['findings'];
}

const LABELS: Record<FindingKind, string> = {
  forged: 'FORGED',
  corrupt: 'DAMAGED',
  chain: 'CHAIN BROKEN',
  missing: 'MISSING',
  changed: 'CHANGED',
  untrusted: 'NOT TRUSTED',
  'unknown-key': 'NOT IN REGISTER',
  stale: 'OUT OF DATE',
  'older-form': 'OLDER FORM',
  ok: 'ok',
};

const ROLE_NAMES = { learner: 'learner', assessor: 'assessor', iqa: 'IQA' } as const;

/** Human-readable report: one line per problem, then a summary. Sound records are counted, not listed. */
export function formatVerification(result: VerifyResult, report: VerificationReport): string {
  const lines: string[] = [];
  const attachments = result.attachments.count;
  const attachmentWords =
    attachments === 0 ? 'no attachments' : attachments === 1 ? '1 attachment matches its SHA-256 hash' : `${plural(attachments, 'attachment')} all match their SHA-256 hashes`;
  lines.push(`${result.file}: ${attachmentWords}; ${plural(result.evidence.count, 'evidence item')} hashed.`);
  if (result.reference && !result.reference.sound) {
    lines.push(`REFERENCE  The reference copy ${terminalText(result.reference.file)} does not verify by itself, so it cannot be relied on as an honest copy:`);
    for (const problem of result.reference.problems) lines.push(`           ${terminalText(problem)}`);
  }
  // Problems one per line; records of the older form are counted below instead of listed.
  const listed = report.findings.filter((finding) => finding.kind !== 'ok' && finding.kind !== 'older-form');
  const width = Math.max(...listed.map((finding) => LABELS[finding.kind].length), 0);
  for (const finding of listed) lines.push(`${LABELS[finding.kind].padEnd(width)}  ${terminalText(finding.message)}`);
  const { decisions, signOffs, iqaSamples, declarations } = report.checked;
  const counts = report.counts;
  const tally = [
    `${counts.ok} sound`,
    counts.forged > 0 ? `${counts.forged} forged or invalid` : '',
    counts.corrupt > 0 ? `${counts.corrupt} damaged` : '',
    counts.chain > 0 ? `${counts.chain} out of their signer's chain` : '',
    counts.missing > 0 ? `${counts.missing} missing` : '',
    counts.changed > 0 ? `${counts.changed} changed` : '',
    counts.untrusted > 0 ? `${counts.untrusted} not trusted` : '',
    counts['unknown-key'] > 0 ? `${counts['unknown-key']} not vouched for by the register` : '',
    counts.stale > 0 ? `${counts.stale} out of date` : '',
  ].filter((part) => part !== '');
  lines.push(
    `Signed records: ${plural(decisions, 'decision')}, ${plural(signOffs, 'unit sign-off')}, ${plural(iqaSamples, 'IQA sample')} and ${plural(declarations, 'declaration')} checked: ${tally.join(', ')}.`,
  );
  if (counts['older-form'] > 0) {
    lines.push(
      `${plural(counts['older-form'], 'record')} ${counts['older-form'] === 1 ? 'is' : 'are'} of the older form (version 1): ${counts['older-form'] === 1 ? 'it names' : 'they name'} neither the learner nor a place in the signer's chain, so a rename or a removal cannot be seen from ${counts['older-form'] === 1 ? 'it' : 'them'}.`,
    );
  }
  for (const signer of report.signers) {
    const registered = signer.isRegistered === undefined ? (signer.role === 'learner' ? '' : ', signer not confirmed') : signer.isRegistered ? ', confirmed by the register' : ', NOT confirmed by the register';
    const chain = signer.lastSequence !== undefined ? `, chain of ${signer.lastSequence}` : '';
    lines.push(`Signed by ${terminalText(signer.name)} (${ROLE_NAMES[signer.role]}) with key ${signer.fingerprint}: ${plural(signer.records, 'record')}${chain}${registered}.`);
  }
  if (result.register) {
    const signedBy = result.register.signedBy ? `, signed by ${terminalText(result.register.signedBy.name)} with key ${result.register.signedBy.fingerprint}` : ', unsigned (older form)';
    lines.push(`Keys checked against the centre's register ${terminalText(result.register.file)} (${plural(result.register.keys, 'key')}${signedBy}).`);
  } else if (decisions + signOffs + iqaSamples > 0) {
    lines.push(
      'Signers not confirmed: no key register was given, so the signatures show only that nothing has changed since each was signed, not who signed it. ' +
        "Use --register <file> with the centre's key register to check that.",
    );
  }
  if (result.reference) lines.push(`Compared with the reference copy ${terminalText(result.reference.file)}: every signed record it holds must be here, unchanged.`);
  else if (report.signers.some((signer) => signer.lastSequence !== undefined)) {
    lines.push('A record cut from the end of a chain cannot be seen from the package alone: use --against <file> with an honest copy (the assessor’s own export) to check that.');
  }
  if (!result.valid) {
    lines.push('Result: FAILED. Do not accept the records marked above; ask the assessor or the centre.');
  } else if (counts.stale > 0) {
    lines.push(`Result: passed with ${plural(counts.stale, 'warning')}: evidence changed after it was judged, so the assessor needs to look again.`);
  } else {
    lines.push('Result: passed.');
  }
  return lines.join('\n');
}

/** The reference copy: opened and validated like the file, then verified by itself. */
async function readReference(path: string, register: KeyRegister | undefined): Promise<{ manifest: OpenedPackage['manifest']; isSound: boolean; problems: string[] }> {
  let opened: OpenedPackage;
  try {
    opened = await openPackageFile(path);
  } catch (error) {
    if (error instanceof PackageFileError) {
      throw new InputError(`The reference copy is not a valid package, so nothing can be compared with it:\n${error.message}`);
    }
    throw error;
  }
  try {
    const hashes = await currentHashes(path, opened.manifest.evidence);
    const report = await verifyPortfolio(opened.manifest, hashes, register ? { register } : {});
    const problems = report.findings.filter((finding) => findingSeverity(finding.kind) === 'error').map((finding) => finding.message);
    return { manifest: opened.manifest, isSound: problems.length === 0, problems };
  } finally {
    await opened.close();
  }
}

/** Each item's current content hash; an item that cannot be hashed is bad input, named in the message. */
async function currentHashes(path: string, evidence: readonly EvidenceItem[]): Promise<Map<string, string>> {
  const hashes = new Map<string, string>();
  for (const [index, item] of evidence.entries()) {
    try {
      hashes.set(item.id, await evidenceContentHash(item));
    } catch (error) {
      if (error instanceof CanonicalJsonError) throw new InputError(`${path}: /evidence/${index}: ${error.message}`);
      throw error;
    }
  }
  return hashes;
}

async function readRegister(path: string): Promise<KeyRegister> {
  const bytes = await readBounded(path, MAX_KEY_REGISTER_BYTES);
  const parsed = await parseKeyRegisterBytes(bytes);
  if (!parsed.ok) throw new InputError(parsed.problems.map((problem) => terminalText(`${path}: ${formatProblem(problem)}`)).join('\n'));
  return parsed.register;
}

/** Reads at most `limit` bytes plus one (so the parser can say it is too large) without loading a huge file. */
async function readBounded(path: string, limit: number): Promise<Uint8Array> {
  let handle;
  try {
    handle = await open(path, 'r');
  } catch (error) {
    throw new InputError(describeFileError(path, error));
  }
  try {
    const stats = await handle.stat();
    if (!stats.isFile()) throw new InputError(`${path} is not a file.`);
    const buffer = new Uint8Array(Math.min(stats.size, limit) + 1);
    let filled = 0;
    while (filled < buffer.length) {
      const { bytesRead } = await handle.read(buffer, filled, buffer.length - filled, filled);
      if (bytesRead === 0) break;
      filled += bytesRead;
    }
    return buffer.subarray(0, filled);
  } catch (error) {
    if (error instanceof InputError) throw error;
    throw new InputError(describeFileError(path, error));
  } finally {
    await handle.close();
  }
}

function plural(count: number, noun: string): string {
  return `${count.toLocaleString('en-GB')} ${noun}${count === 1 ? '' : 's'}`;
}

