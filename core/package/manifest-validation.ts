/**
 * Validation of a package's `manifest.json` (CONTRACTS.md §2): bytes → UTF-8 → JSON → format
 * version → the generated schema validator → the rules a schema cannot say (ids unique,
 * references resolve, every record belongs to this portfolio, attachments listed). Every
 * problem is a JSON Pointer into the manifest and a plain sentence.
 */
import { duplicateKeyProblem, duplicateKeyProblems } from '../json-syntax';
import validatePackageSchema, { type SchemaError } from '../generated/portfolio-package-validator.js';
import { MAX_LISTED_PROBLEMS, countLine, type Problem, jsonPointer, listedProblems, uncountedLine } from '../problems';
import { describeSchemaError, describeValue, valueAt, type NounTable } from '../schema-messages';
import { PACKAGE_FORMAT, manifestFromWire, wirePointerSegments, type PackageManifest } from './manifest';
import { type TopLevelField, scanManifest } from './manifest-structure';

export const MANIFEST_ENTRY = 'manifest.json';

export type ManifestValidation = { ok: true; manifest: PackageManifest } | { ok: false; problems: Problem[] };

/**
 * Decodes and checks the bytes of `manifest.json` (a leading byte-order mark is accepted): first
 * their structure (counts, depth and sizes, so nothing is built that a genuine portfolio could
 * not hold), then UTF-8, JSON, repeated field names, the format version, the schema and the
 * cross-references.
 */
export function parseManifestBytes(bytes: Uint8Array): ManifestValidation {
  const scan = scanManifest(bytes, MANIFEST_ENTRY);
  if (!scan.ok) return { ok: false, problems: [scan.problem] };
  const assembled = scan.fields === undefined ? undefined : parseInPieces(bytes, scan.fields);
  if (assembled !== undefined) {
    if (scan.duplicates.length > 0) return { ok: false, problems: listedProblems(scan.duplicates.map(duplicateKeyProblem)) };
    return validateManifest(assembled);
  }
  // Not one well-formed object, or a piece would not parse: the whole text, as JSON.parse and
  // findJsonSyntaxError see it, says best what is wrong (the scan has bounded what it can build).
  let text: string;
  try {
    text = strictUtf8.decode(bytes);
  } catch {
    return fail(MANIFEST_ENTRY, `${MANIFEST_ENTRY} is not valid UTF-8 text, so it cannot be read.`);
  }
  if (text.trim() === '') return fail(MANIFEST_ENTRY, `${MANIFEST_ENTRY} is empty.`);
  let value: unknown;
  try {
    // JSON.parse keeps a "__proto__" key as an ordinary own property, and nothing below copies
    // the parsed value into other objects, so a hostile key cannot reach any prototype.
    value = JSON.parse(text);
  } catch (error) {
    const detail = error instanceof RangeError ? 'it is nested too deeply' : describeJsonError(error);
    return fail(MANIFEST_ENTRY, `${MANIFEST_ENTRY} is not valid JSON: ${detail}.`);
  }
  const duplicates = duplicateKeyProblems(text);
  if (duplicates.length > 0) return { ok: false, problems: listedProblems(duplicates) };
  return validateManifest(value);
}

const strictUtf8 = new TextDecoder('utf-8', { fatal: true });

/**
 * The manifest built one top-level field at a time, and long lists a piece of about a megabyte
 * at a time (cut between entries where the scan found commas), so no string longer than a piece
 * is ever made. Every byte inside the values passes through JSON.parse and UTF-8 decoding, and
 * the scan has checked the top level around them, so this accepts exactly what JSON.parse of
 * the whole text would. Undefined when a piece does not parse: the caller then reports the
 * mistake from the whole text. Repeated field names were found by the scan.
 */
function parseInPieces(bytes: Uint8Array, fields: readonly TopLevelField[]): Record<string, unknown> | undefined {
  const value: Record<string, unknown> = {};
  try {
    for (const field of fields) {
      let parsed: unknown;
      if (field.cuts.length === 0) {
        parsed = JSON.parse(strictUtf8.decode(bytes.subarray(field.valueStart, field.valueEnd)));
      } else {
        const list: unknown[] = [];
        let from = field.valueStart + 1;
        for (const end of [...field.cuts, field.valueEnd - 1]) {
          const piece: unknown = JSON.parse(`[${strictUtf8.decode(bytes.subarray(from, end))}]`);
          // A piece is never empty: "[…,]" would otherwise pass as a list ending in a comma.
          if (!Array.isArray(piece) || piece.length === 0) return undefined;
          for (const entry of piece as unknown[]) list.push(entry);
          from = end + 1;
        }
        parsed = list;
      }
      // As JSON.parse does: "__proto__" becomes an ordinary own field, never the prototype.
      Object.defineProperty(value, field.name, { value: parsed, writable: true, enumerable: true, configurable: true });
    }
  } catch {
    return undefined;
  }
  return value;
}

/** Checks an already-parsed manifest: format version, schema, then cross-references. */
export function validateManifest(value: unknown): ManifestValidation {
  if (!isRecord(value)) {
    return fail(MANIFEST_ENTRY, `${MANIFEST_ENTRY} must hold a JSON object ({…}), but it holds ${describeValue(value)}.`);
  }
  const format = Object.hasOwn(value, 'format') ? value.format : undefined;
  if (format !== PACKAGE_FORMAT) {
    if (typeof format === 'string') {
      return fail(
        '/format',
        `${MANIFEST_ENTRY} is in format "${clip(format)}", which this version of the app cannot read; it reads "${PACKAGE_FORMAT}" only.`,
      );
    }
    return fail('/format', `${MANIFEST_ENTRY} does not say which format it is in ("format" should be "${PACKAGE_FORMAT}"), so this is not a portfolio package.`);
  }
  if (!validatePackageSchema(value)) {
    // Only the first errors are put into words: a hostile manifest can fail in millions of
    // places, and the validator stops gathering them at MAX_SCHEMA_ERRORS.
    const errors = validatePackageSchema.errors ?? [];
    const described = schemaProblems(errors.slice(0, MAX_LISTED_PROBLEMS), value);
    if (validatePackageSchema.isCapped === true) return { ok: false, problems: [...described.slice(0, MAX_LISTED_PROBLEMS), uncountedLine(described.length)] };
    return { ok: false, problems: errors.length > MAX_LISTED_PROBLEMS ? [...described, countLine(errors.length - MAX_LISTED_PROBLEMS)] : described };
  }
  // The schema has checked the whole shape, so the value now is a PackageManifest (with its
  // signed records of version 2 as envelopes, read into the app's flat form).
  const manifest = manifestFromWire(value);
  const problems = crossReferenceProblems(manifest, (segments) => jsonPointer(wirePointerSegments(value, segments)));
  if (problems.length > 0) return { ok: false, problems: listedProblems(problems) };
  return { ok: true, manifest };
}

function fail(path: string, message: string): ManifestValidation {
  return { ok: false, problems: [{ path, message }] };
}


function describeJsonError(error: unknown): string {
  const message = error instanceof Error ? error.message : String(error);
  const position = /position (\d+)/.exec(message);
  if (position?.[1] !== undefined) return `it has a mistake at character ${Number(position[1]).toLocaleString('en-GB')}`;
  if (/end of (JSON )?input/i.test(message)) return 'it ends too early (is it cut short?)';
  return 'its text is damaged or is not JSON at all';
}

const clip = (text: string): string => {
  let clean = '';
  for (const char of text) clean += char < ' ' || char === '\u007f' ? ' ' : char;
  return clean.length > 60 ? `${clean.slice(0, 57)}…` : clean;
};

export function isRecord(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

// ---------------------------------------------------------------------------------------------
// Schema errors as plain sentences

const MANIFEST_NOUNS: NounTable = [
  [/^\/qualification\/units\/\d+\/learningOutcomes\/\d+\/markingPoints\/\d+$/, 'marking point'],
  [/^\/qualification\/units\/\d+\/learningOutcomes\/\d+$/, 'learning outcome'],
  [/^\/qualification\/units\/\d+\/guidance\/keyConcepts\/\d+$/, 'key concept'],
  [/^\/qualification\/units\/\d+\/guidance$/, 'guidance'],
  [/^\/qualification\/units\/\d+$/, 'unit'],
  [/^\/qualification$/, 'qualification specification'],
  [/^\/additionalQualifications\/\d+\/units\/\d+\/learningOutcomes\/\d+\/markingPoints\/\d+$/, 'marking point'],
  [/^\/additionalQualifications\/\d+\/units\/\d+\/learningOutcomes\/\d+$/, 'learning outcome'],
  [/^\/additionalQualifications\/\d+\/units\/\d+$/, 'unit'],
  [/^\/additionalQualifications\/\d+$/, 'additional qualification specification'],
  [/^\/portfolio\/additionalQualifications\/\d+$/, 'additional qualification reference'],
  [/^\/evidence\/\d+\/details\/witness$/, 'witness'],
  [/^\/evidence\/\d+\/details\/stages\/\d+$/, 'model stage'],
  [/^\/evidence\/\d+\/details$/, 'evidence details'],
  [/^\/evidence\/\d+\/attachments\/\d+$/, 'attachment reference'],
  [/^\/evidence\/\d+$/, 'evidence item'],
  [/^\/mappings\/\d+\/locator$/, 'locator'],
  [/^\/mappings\/\d+$/, 'mapping'],
  [/^\/[A-Za-z]+\/\d+\/signer$/, 'signer'],
  [/^\/[A-Za-z]+\/\d+\/signature$/, 'signature'],
  [/^\/decisions\/\d+\/evidence\/\d+$/, 'judged evidence entry'],
  [/^\/decisions\/\d+$/, 'assessor decision'],
  [/^\/signOffs\/\d+$/, 'unit sign-off'],
  [/^\/iqaSamples\/\d+$/, 'internal quality assurance sample'],
  [/^\/declarations\/\d+$/, 'declaration'],
  [/^\/actionPlan\/\d+$/, 'action plan item'],
  [/^\/comments\/\d+$/, 'comment'],
  [/^\/audit\/\d+$/, 'audit trail entry'],
  [/^\/trash\/\d+\/records\/evidence\/\d+$/, 'deleted evidence item'],
  [/^\/trash\/\d+\/records\/mappings\/\d+$/, 'deleted mapping'],
  [/^\/trash\/\d+\/records\/comments\/\d+$/, 'deleted comment'],
  [/^\/trash\/\d+\/records\/attachmentRefs\/\d+$/, 'removed attachment reference'],
  [/^\/trash\/\d+$/, 'deleted record'],
  [/^\/attachments\/\d+$/, 'attachment'],
  [/^\/portfolio\/learner$/, 'learner'],
  [/^\/portfolio\/centre$/, 'centre'],
  [/^\/portfolio$/, 'portfolio'],
  [/^\/generator$/, 'generator'],
  [/^$/, 'manifest'],
];

/** Hints for the patterns of this schema, so "not in the right form" says what the right form is. */
const PATTERN_HINTS: Record<string, string> = {
  '^[A-Za-z0-9][A-Za-z0-9._:-]{0,127}$': 'ids use letters, digits, dots, colons, hyphens and underscores, start with a letter or digit, and have at most 128 characters',
  '^[0-9]{4}-(0[1-9]|1[0-2])-(0[1-9]|[12][0-9]|3[01])$': 'write dates as YYYY-MM-DD',
  '^sha256:[0-9a-f]{64}$': 'it must be "sha256:" followed by 64 lower-case hexadecimal characters',
  '^[A-Za-z0-9+/]+={0,2}$': 'it must be base64 text',
};
const TIMESTAMP_HINT = 'write times as ISO 8601, for example 2026-11-22T10:15:00.000Z';
const MEDIA_TYPE_HINT = 'it must be a media type such as image/jpeg';

function schemaProblems(errors: SchemaError[], data: unknown): Problem[] {
  const seen = new Set<string>();
  const problems: Problem[] = [];
  const emptyPaths = new Set(errors.filter((error) => error.keyword === 'minLength').map((error) => error.instancePath));
  for (const error of errors) {
    // An if/then failure is reported through the errors of its "then" branch already.
    if (error.keyword === 'if') continue;
    if (error.keyword === 'pattern' && emptyPaths.has(error.instancePath)) continue;
    const problem = describeManifestSchemaError(error, data);
    const key = `${problem.path}\u0000${problem.message}`;
    if (seen.has(key)) continue;
    seen.add(key);
    problems.push(problem);
  }
  return problems;
}

function describeManifestSchemaError(error: SchemaError, data: unknown): Problem {
  const path = error.instancePath;
  // Outside the embedded specification no extra "x-" fields are allowed, so say just that.
  if (error.keyword === 'additionalProperties' && !path.startsWith('/qualification') && !path.startsWith('/additionalQualifications/')) {
    const extra = String(error.params.additionalProperty);
    return { path: `${path}${jsonPointer([extra])}`, message: `"${clip(extra)}" is not a recognised field here.` };
  }
  if (error.keyword === 'pattern') {
    const pattern = String(error.params.pattern);
    const hint = PATTERN_HINTS[pattern] ?? (pattern.includes('T([01]') ? TIMESTAMP_HINT : pattern.includes('/[A-Za-z0-9]') ? MEDIA_TYPE_HINT : undefined);
    if (hint !== undefined) {
      return { path, message: `${describeValue(valueAt(data, path))} is not in the right form: ${hint}.` };
    }
  }
  return describeSchemaError(error, data, MANIFEST_NOUNS);
}

// ---------------------------------------------------------------------------------------------
// Rules the schema cannot say

interface OwnedRecord {
  id: string;
  portfolioId: string;
}

/**
 * The trash of a backup: each entry and every record in it belongs to this portfolio, and
 * every attachment a deleted item or removed reference names is held by the package (so
 * undo after a restore finds its bytes).
 */
function trashProblems(manifest: PackageManifest, add: (segments: ReadonlyArray<string | number>, message: string) => void): void {
  const portfolioId = manifest.portfolio.id;
  const listed = new Set(manifest.attachments.map((attachment) => attachment.sha256));
  const seen = new Map<string, number>();
  (manifest.trash ?? []).forEach((entry, index) => {
    const earlier = seen.get(entry.id);
    if (earlier === undefined) seen.set(entry.id, index);
    else add(['trash', index, 'id'], `The deleted record id "${entry.id}" is already used by /trash/${earlier}; ids must be unique.`);
    if (entry.portfolioId !== portfolioId) add(['trash', index, 'portfolioId'], `This deleted record belongs to portfolio "${entry.portfolioId}", not to this package's portfolio "${portfolioId}".`);
    for (const table of ['evidence', 'mappings', 'comments'] as const) {
      (entry.records[table] ?? []).forEach((record, r) => {
        if (record.portfolioId !== portfolioId) add(['trash', index, 'records', table, r, 'portfolioId'], `This deleted record belongs to portfolio "${record.portfolioId}", not to this package's portfolio "${portfolioId}".`);
      });
    }
    const refs = [
      ...(entry.records.evidence ?? []).flatMap((item, r) => item.attachments.map((ref, a) => ({ sha256: ref.sha256, at: ['trash', index, 'records', 'evidence', r, 'attachments', a, 'sha256'] }))),
      ...(entry.records.attachmentRefs ?? []).map((record, r) => ({ sha256: record.ref.sha256, at: ['trash', index, 'records', 'attachmentRefs', r, 'ref', 'sha256'] })),
    ];
    for (const ref of refs) {
      if (!listed.has(ref.sha256)) add(ref.at, `The deleted record refers to attachment ${ref.sha256}, which is not listed in /attachments, so the package does not hold it.`);
    }
  });
}

/** Unit, outcome and marking point ids share one namespace within a specification; repeats are problems. */
function specIds(spec: PackageManifest['qualification'], base: Array<string | number>, problems: Problem[]): { unitIds: Set<string>; markingPointIds: Set<string> } {
  const unitIds = new Set<string>();
  const markingPointIds = new Set<string>();
  const seen = new Map<string, string>();
  const note = (id: string, segments: Array<string | number>): void => {
    const pointer = jsonPointer([...segments, 'id']);
    const earlier = seen.get(id);
    if (earlier === undefined) seen.set(id, pointer);
    else problems.push({ path: pointer, message: `"${id}" is already used by ${earlier}; ids must be unique across the whole specification.` });
  };
  spec.units.forEach((unit, u) => {
    note(unit.id, [...base, 'units', u]);
    unitIds.add(unit.id);
    unit.learningOutcomes.forEach((outcome, o) => {
      note(outcome.id, [...base, 'units', u, 'learningOutcomes', o]);
      outcome.markingPoints.forEach((point, p) => {
        note(point.id, [...base, 'units', u, 'learningOutcomes', o, 'markingPoints', p]);
        markingPointIds.add(point.id);
      });
    });
  });
  return { unitIds, markingPointIds };
}

/** `pointer` turns a path in the flat form into a JSON Pointer into the manifest as written. */
function crossReferenceProblems(manifest: PackageManifest, pointer: (segments: ReadonlyArray<string | number>) => string): Problem[] {
  const problems: Problem[] = [];
  const add = (segments: ReadonlyArray<string | number>, message: string): void => {
    problems.push({ path: pointer(segments), message });
  };
  const spec = manifest.qualification;
  const portfolioId = manifest.portfolio.id;

  if (manifest.portfolio.qualificationId !== spec.id) {
    add(['portfolio', 'qualificationId'], `The portfolio is built against qualification "${clip(manifest.portfolio.qualificationId)}", but the package holds the specification of "${clip(spec.id)}".`);
  }
  if (manifest.portfolio.qualificationVersion !== spec.version) {
    add(['portfolio', 'qualificationVersion'], `The portfolio is built against version "${clip(manifest.portfolio.qualificationVersion)}" of the qualification, but the package holds version "${clip(spec.version)}".`);
  }

  const { unitIds, markingPointIds } = specIds(spec, ['qualification'], problems);

  // Further qualifications: each checked like the main one, each id once, each named by the portfolio.
  const additional = manifest.additionalQualifications ?? [];
  const pointIdsByQualification = new Map<string, Set<string>>();
  additional.forEach((extra, index) => {
    const { markingPointIds: extraPoints } = specIds(extra, ['additionalQualifications', index], problems);
    if (extra.id === spec.id) add(['additionalQualifications', index, 'id'], `"${clip(extra.id)}" is the main qualification's id; an additional qualification must be another one.`);
    else if (pointIdsByQualification.has(extra.id)) add(['additionalQualifications', index, 'id'], `The qualification "${clip(extra.id)}" is listed more than once; list each additional qualification once.`);
    else pointIdsByQualification.set(extra.id, extraPoints);
  });
  const refs = manifest.portfolio.additionalQualifications ?? [];
  const refKeys = new Set(refs.map((ref) => `${ref.id}\u0000${ref.version}`));
  refs.forEach((ref, index) => {
    if (!additional.some((extra) => extra.id === ref.id && extra.version === ref.version)) {
      add(['portfolio', 'additionalQualifications', index], `The portfolio also maps to "${clip(ref.id)}" version "${clip(ref.version)}", but the package does not hold that specification in /additionalQualifications.`);
    }
  });
  additional.forEach((extra, index) => {
    if (!refKeys.has(`${extra.id}\u0000${extra.version}`)) {
      add(['additionalQualifications', index], `The package holds "${clip(extra.id)}" version "${clip(extra.version)}", but the portfolio does not name it in /portfolio/additionalQualifications.`);
    }
  });

  /** Ids unique within each list, and every record belongs to this portfolio. */
  const checkRecords = (key: string, noun: string, records: readonly OwnedRecord[]): Map<string, number> => {
    const indexById = new Map<string, number>();
    records.forEach((record, index) => {
      const earlier = indexById.get(record.id);
      if (earlier === undefined) indexById.set(record.id, index);
      else add([key, index, 'id'], `The ${noun} id "${record.id}" is already used by /${key}/${earlier}; ids must be unique.`);
      if (record.portfolioId !== portfolioId) {
        add([key, index, 'portfolioId'], `This ${noun} belongs to portfolio "${record.portfolioId}", not to this package's portfolio "${portfolioId}".`);
      }
    });
    return indexById;
  };
  const evidenceIds = checkRecords('evidence', 'evidence item', manifest.evidence);
  checkRecords('mappings', 'mapping', manifest.mappings);
  checkRecords('decisions', 'assessor decision', manifest.decisions);
  checkRecords('signOffs', 'unit sign-off', manifest.signOffs);
  checkRecords('iqaSamples', 'internal quality assurance sample', manifest.iqaSamples);
  checkRecords('declarations', 'declaration', manifest.declarations);
  checkRecords('actionPlan', 'action plan item', manifest.actionPlan);
  checkRecords('comments', 'comment', manifest.comments);
  checkRecords('audit', 'audit trail entry', manifest.audit);
  trashProblems(manifest, add);

  const attachmentSizes = new Map<string, number>();
  manifest.attachments.forEach((attachment, index) => {
    if (attachmentSizes.has(attachment.sha256)) {
      add(['attachments', index, 'sha256'], `Attachment ${attachment.sha256} is listed more than once; each attachment is held once.`);
    } else {
      attachmentSizes.set(attachment.sha256, attachment.size);
    }
  });

  manifest.evidence.forEach((item, index) => {
    if (item.details.type !== item.type) {
      add(['evidence', index, 'details', 'type'], `The details are for a "${item.details.type}" but the evidence item is a "${item.type}".`);
    }
    item.attachments.forEach((ref, a) => {
      const listedSize = attachmentSizes.get(ref.sha256);
      if (listedSize === undefined) {
        add(['evidence', index, 'attachments', a, 'sha256'], `The evidence item refers to attachment ${ref.sha256}, which is not listed in /attachments, so the package does not hold it.`);
      } else if (listedSize !== ref.size) {
        add(['evidence', index, 'attachments', a, 'size'], `The evidence item says attachment ${ref.sha256} is ${ref.size} bytes, but /attachments says ${listedSize} bytes.`);
      }
    });
  });

  manifest.mappings.forEach((mapping, index) => {
    if (!evidenceIds.has(mapping.evidenceId)) {
      add(['mappings', index, 'evidenceId'], `The mapping refers to evidence item "${mapping.evidenceId}", which is not in the package.`);
    }
    // Marking point ids are resolved within their own qualification: the main one unless the mapping names another.
    if (mapping.qualificationId !== undefined) {
      const extraPoints = pointIdsByQualification.get(mapping.qualificationId);
      if (mapping.qualificationId === spec.id) {
        add(['mappings', index, 'qualificationId'], `"${clip(mapping.qualificationId)}" is the main qualification; leave qualificationId out for its marking points.`);
      } else if (extraPoints === undefined) {
        add(['mappings', index, 'qualificationId'], `The mapping is to qualification "${clip(mapping.qualificationId)}", which is not one of the package's additional qualifications.`);
      } else if (!extraPoints.has(mapping.markingPointId)) {
        add(['mappings', index, 'markingPointId'], `The mapping refers to marking point "${mapping.markingPointId}", which is not in the qualification "${clip(mapping.qualificationId)}".`);
      }
    } else if (!markingPointIds.has(mapping.markingPointId)) {
      add(['mappings', index, 'markingPointId'], `The mapping refers to marking point "${mapping.markingPointId}", which is not in the qualification specification.`);
    }
    const locator = mapping.locator;
    if (locator?.kind === 'time' && locator.endSeconds < locator.startSeconds) {
      add(['mappings', index, 'locator', 'endSeconds'], `The time range ends (${locator.endSeconds} s) before it starts (${locator.startSeconds} s).`);
    }
  });

  // A decision may name evidence that has since been deleted: that makes it stale, not invalid.
  manifest.decisions.forEach((decision, index) => {
    if (!markingPointIds.has(decision.markingPointId)) {
      add(['decisions', index, 'markingPointId'], `The assessor decision is about marking point "${decision.markingPointId}", which is not in the qualification specification.`);
    }
  });

  // A sign-off or sample resting on a decision the package lacks is not a broken package but a
  // signed record removed: verification (core/integrity/verify.ts) reports it, with the gap it
  // leaves in its signer's chain, so the reader lets it through to be reported there.
  const checkUnitRecord = (key: 'signOffs' | 'iqaSamples', noun: string, records: ReadonlyArray<{ unitId: string }>): void => {
    records.forEach((record, index) => {
      if (!unitIds.has(record.unitId)) {
        add([key, index, 'unitId'], `The ${noun} is for unit "${record.unitId}", which is not in the qualification specification.`);
      }
    });
  };
  checkUnitRecord('signOffs', 'unit sign-off', manifest.signOffs);
  checkUnitRecord('iqaSamples', 'internal quality assurance sample', manifest.iqaSamples);

  manifest.actionPlan.forEach((item, index) => {
    if (item.unitId !== undefined && !unitIds.has(item.unitId)) {
      add(['actionPlan', index, 'unitId'], `The action plan item is for unit "${item.unitId}", which is not in the qualification specification.`);
    }
  });

  manifest.comments.forEach((comment, index) => {
    if (!evidenceIds.has(comment.evidenceId)) {
      add(['comments', index, 'evidenceId'], `The comment is on evidence item "${comment.evidenceId}", which is not in the package.`);
    }
  });

  return problems;
}
