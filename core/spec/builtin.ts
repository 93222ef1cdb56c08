import builtinSpecJson from './builtin-spec.json' with { type: 'json' };
import type { QualificationSpec } from './types';

// Generated from ../shared/seeds by scripts/build-builtin-spec.ts and checked against the
// seeds and the schema by test/unit/spec/builtin-spec.test.ts, hence the plain assertion.
const BUILTIN_SPEC = builtinSpecJson as QualificationSpec;

/** The built-in customer service qualification (a fresh copy each call: callers may mutate). */
export function builtinSpec(): QualificationSpec {
  return structuredClone(BUILTIN_SPEC);
}

export const BUILTIN_SPEC_ID = BUILTIN_SPEC.id;
