/** Shared shapes of the specification converters (CONTRACTS.md §3, `convert-spec`). */
import type { Problem } from '../../problems';
import type { QualificationSpec } from '../types';

export const SOURCE_FORMATS = ['case', 'ifate', 'mahara', 'moodle-csv'] as const;
export type SourceFormat = (typeof SOURCE_FORMATS)[number];

/** "an IMS CASE framework (CFPackage JSON)", "a Moodle competency framework (CSV)". */
export function formatWithArticle(format: SourceFormat): string {
  return `${format === 'case' || format === 'ifate' ? 'an' : 'a'} ${SOURCE_FORMAT_NAMES[format]}`;
}

export const SOURCE_FORMAT_NAMES: Record<SourceFormat, string> = {
  case: 'IMS CASE framework (CFPackage JSON)',
  ifate: 'IfATE / Skills England apprenticeship standard (JSON)',
  mahara: 'Mahara SmartEvidence framework (.matrix)',
  'moodle-csv': 'Moodle competency framework (CSV)',
};

/**
 * Something the reader should know about a conversion that succeeded: what was left out and
 * why, or what was changed (an id made valid, a text read another way). `where` locates it
 * in the source file (a JSON Pointer or "line 12").
 */
export interface ConversionNote {
  where: string;
  message: string;
  kind: 'dropped' | 'changed';
}

export type ConversionResult =
  | { ok: true; format: SourceFormat; spec: QualificationSpec; notes: ConversionNote[] }
  /** `isAlreadySpec`: the file is (or tries to be) a portfolio-qualification specification, which needs no converting. */
  | { ok: false; format?: SourceFormat; problems: Problem[]; isAlreadySpec?: true };

export interface ConvertOptions {
  /** The source format; detected from the content when absent. */
  from?: SourceFormat;
  /** The file's name, used for a title when the file itself has none. */
  fileName?: string;
}

/** Thrown inside a converter to stop with problems; caught at the entry point. */
export class ConversionError extends Error {
  constructor(readonly problems: Problem[]) {
    super(problems[0]?.message ?? 'The file could not be converted.');
    this.name = 'ConversionError';
  }
}

export function refuse(path: string, message: string): never {
  throw new ConversionError([{ path, message }]);
}
