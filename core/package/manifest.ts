/** The `manifest.json` of a `.portfolio` package (CONTRACTS.md §2). */
import { KIND_FIELDS, KIND_LIST, SIGNED_KINDS, fromEnvelope, isChained, isEnvelope, toEnvelope, type EnvelopeV2 } from '../integrity/signed-record';
import type { PortfolioContent } from '../model/portfolio';

export const PACKAGE_FORMAT = 'portfolio-package/1';

/** One attachment held in the package, under `attachments/<sha256>`. */
export interface PackagedAttachment {
  sha256: string;
  size: number;
  mediaType: string;
}

export interface PackageManifest extends PortfolioContent {
  format: typeof PACKAGE_FORMAT;
  exportedAt: string;
  generator: { name: string; version: string };
  /** Every attachment the package holds, once each; evidence items reference them by sha256. */
  attachments: PackagedAttachment[];
}

// ---------------------------------------------------------------------------------------------
// Signed records on the wire: a package holds records of version 2 as their envelopes
// (CONTRACTS.md §5: the payload's fields plus the signature), so anyone can verify them; the
// app reads them in the flat form it uses for every version (core/integrity/signed-record.ts).

/** The manifest as written to `manifest.json`: records of version 2 as envelopes. */
export function manifestToWire(manifest: PackageManifest): Record<string, unknown> {
  const wire: Record<string, unknown> = { ...manifest };
  for (const kind of SIGNED_KINDS) {
    const list = KIND_LIST[kind];
    wire[list] = (manifest[list] as readonly object[]).map((record) => (isChained(record) ? toEnvelope(kind, record) : record));
  }
  return wire;
}

/** Whether the record at `/<list>/<index>` of a manifest as read is a version 2 envelope. */
export function isWireEnvelope(wire: Record<string, unknown>, list: string, index: number): boolean {
  const records = wire[list];
  return Array.isArray(records) && isEnvelope(records[index]);
}

/** The manifest the app uses, from one that has passed the package schema. */
export function manifestFromWire(wire: Record<string, unknown>): PackageManifest {
  const manifest: Record<string, unknown> = { ...wire };
  for (const kind of SIGNED_KINDS) {
    const list = KIND_LIST[kind];
    const records = wire[list];
    if (!Array.isArray(records)) continue;
    manifest[list] = records.map((record: unknown) => (isEnvelope(record) ? fromEnvelope(kind, record as EnvelopeV2) : record));
  }
  return manifest as unknown as PackageManifest;
}

/**
 * A JSON Pointer into the app's flat form of a record, as a pointer into the manifest as
 * written: for an envelope, `id` is `recordId`, the time is `signedAt` and the kind's own
 * fields are under `content`.
 */
export function wirePointerSegments(wire: Record<string, unknown>, segments: ReadonlyArray<string | number>): Array<string | number> {
  const [list, index, field, ...rest] = segments;
  const kind = SIGNED_KINDS.find((candidate) => KIND_LIST[candidate] === list);
  if (kind === undefined || typeof index !== 'number' || typeof field !== 'string' || !isWireEnvelope(wire, list as string, index)) return [...segments];
  const fields = KIND_FIELDS[kind];
  if (field === 'id') return [list as string, index, 'recordId', ...rest];
  if (field === fields.time) return [list as string, index, 'signedAt', ...rest];
  if ((fields.content as readonly string[]).includes(field)) return [list as string, index, 'content', field, ...rest];
  return [...segments];
}
