/**
 * `verify <file> [--register <file>] [--json]`: the integrity of a package (CONTRACTS.md §3).
 *
 * - Attachment hashes: opening the package checks every attachment's bytes against its name
 *   and that every referenced attachment is there (an invalid package stops here, exit 1).
 * - Evidence content hashes: each evidence item is hashed now, to compare with the hashes the
 *   assessors' decisions pinned.
 * - Signatures: every decision, unit sign-off and IQA sample (core/integrity/verify.ts), and,
 *   with `--register`, whether each key is one the centre issued for that role.
 *
 * Stale decisions are warnings. Exit 1 when anything is forged or corrupt, or, when a register
 * was given, signed by a key not in it (a re-signed forgery looks exactly like that).
 */
import { open } from 'node:fs/promises';
import { CanonicalJsonError } from '../../core/integrity/canonical-json';
import { evidenceContentHash } from '../../core/integrity/content-hash';
import { MAX_KEY_REGISTER_BYTES, parseKeyRegisterBytes, type KeyRegister } from '../../core/integrity/key-register';
import { verifyPortfolio, type FindingKind, type VerificationReport } from '../../core/integrity/verify';
import type { EvidenceItem } from '../../core/model/portfolio';
import { formatProblem } from '../../core/problems';
import { EXIT_INVALID, EXIT_OK, InputError, exactlyOnePositional, hasFlag, optionValue, parseArgs, terminalText, type Command } from '../cli-kit';
import { describeFileError } from '../file-errors';
import { PackageFileError, openPackageFile } from '../package-file';

export const command: Command = {
  summary: 'Checks integrity: attachment hashes, evidence content hashes and assessor signatures.',
  usage: 'verify <file.portfolio> [--register <keys.json>] [--json]',
  async run(argv, io) {
    const args = parseArgs(argv, ['--register'], ['--json']);
    const path = exactlyOnePositional(args, 'package file');
    const registerPath = optionValue(args, '--register');
    // Read the register first: a bad register is reported before any long package read.
    const register = registerPath === undefined ? undefined : await readRegister(registerPath);
    const isJson = hasFlag(args, '--json');
    let opened;
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
      const hashes = await currentHashes(path, manifest.evidence);
      const report = await verifyPortfolio(manifest, hashes, register ? { register } : {});
      const result: VerifyResult = {
        file: path,
        valid: report.isValid,
        attachments: { count: manifest.attachments.length, verified: manifest.attachments.length },
        evidence: { count: manifest.evidence.length, hashed: hashes.size },
        register: register ? { file: registerPath ?? '', keys: register.keys.length } : null,
        checked: report.checked,
        counts: report.counts,
        signers: report.signers,
        findings: report.findings,
      };
      io.stdout(isJson ? JSON.stringify(result, null, 2) : formatVerification(result, report));
      return report.isValid ? EXIT_OK : EXIT_INVALID;
    } finally {
      await opened.close();
    }
  },
};

/** The `--json` output (when the package cannot be opened at all: `{ file, valid: false, problems }`). */
export interface VerifyResult {
  file: string;
  /** False when anything is forged or corrupt, or signed by a key not in the given register. */
  valid: boolean;
  attachments: { count: number; verified: number };
  evidence: { count: number; hashed: number };
  register: { file: string; keys: number } | null;
  checked: VerificationReport['checked'];
  counts: Record<FindingKind, number>;
  signers: VerificationReport['signers'];
  findings: VerificationReport['findings'];
}

const LABELS: Record<FindingKind, string> = {
  forged: 'FORGED',
  corrupt: 'DAMAGED',
  'unknown-key': 'UNKNOWN KEY',
  stale: 'OUT OF DATE',
  ok: 'ok',
};

/** Human-readable report: one line per problem, then a summary. Sound records are counted, not listed. */
export function formatVerification(result: VerifyResult, report: VerificationReport): string {
  const lines: string[] = [];
  const attachments = result.attachments.count;
  const attachmentWords =
    attachments === 0 ? 'no attachments' : attachments === 1 ? '1 attachment matches its SHA-256 hash' : `${plural(attachments, 'attachment')} all match their SHA-256 hashes`;
  lines.push(`${result.file}: ${attachmentWords}; ${plural(result.evidence.count, 'evidence item')} hashed.`);
  const width = Math.max(...report.findings.filter((finding) => finding.kind !== 'ok').map((finding) => LABELS[finding.kind].length), 0);
  for (const finding of report.findings) {
    if (finding.kind === 'ok') continue;
    lines.push(`${LABELS[finding.kind].padEnd(width)}  ${terminalText(finding.message)}`);
  }
  const { decisions, signOffs, iqaSamples } = report.checked;
  const counts = report.counts;
  const tally = [
    `${counts.ok} sound`,
    counts.forged > 0 ? `${counts.forged} forged or invalid` : '',
    counts.corrupt > 0 ? `${counts.corrupt} damaged` : '',
    counts['unknown-key'] > 0 ? `${counts['unknown-key']} signed by a key not in the register` : '',
    counts.stale > 0 ? `${counts.stale} out of date` : '',
  ].filter((part) => part !== '');
  lines.push(
    `Signatures: ${plural(decisions, 'decision')}, ${plural(signOffs, 'unit sign-off')} and ${plural(iqaSamples, 'IQA sample')} checked: ${tally.join(', ')}.`,
  );
  for (const signer of report.signers) {
    const registered = signer.isRegistered === undefined ? '' : signer.isRegistered ? ', in the register' : ', NOT in the register';
    lines.push(`Signed by ${terminalText(signer.name)} (${signer.role === 'iqa' ? 'IQA' : 'assessor'}) with key ${signer.fingerprint}: ${plural(signer.records, 'record')}${registered}.`);
  }
  if (result.register) {
    lines.push(`Keys checked against the centre's register ${result.register.file} (${plural(result.register.keys, 'key')}).`);
  } else if (decisions + signOffs + iqaSamples > 0) {
    lines.push(
      'No key register was given, so the signatures show only that nothing has changed since each was signed, not who signed it. ' +
        'Use --register <file> with the centre\'s key register to check that.',
    );
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

