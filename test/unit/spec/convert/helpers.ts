/** Shared helpers for the converter tests: fixtures, results, and the validator's verdict. */
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { expect } from 'vitest';
import { type ConversionResult, type ConvertOptions, convertSpecBytes, convertSpecText } from '../../../../core/spec/convert/index';
import type { MarkingPoint, QualificationSpec } from '../../../../core/spec/types';
import { validateSpecText, validateSpecValue } from '../../../../core/spec/validate';

export const FIXTURES = join(import.meta.dirname, '..', '..', '..', 'fixtures', 'specs', 'convert');

export function fixtureBytes(name: string): Uint8Array {
  return new Uint8Array(readFileSync(join(FIXTURES, name)));
}

export function fixtureJson(name: string): Record<string, unknown> {
  return JSON.parse(readFileSync(join(FIXTURES, name), 'utf8')) as Record<string, unknown>;
}

/** Converts and insists on success; the spec must pass the product's own validator, as JSON text too. */
export function converted(input: Uint8Array | string | object, options: ConvertOptions = {}): { spec: QualificationSpec; result: Extract<ConversionResult, { ok: true }> } {
  const result = typeof input === 'string' ? convertSpecText(input, options) : input instanceof Uint8Array ? convertSpecBytes(input, options) : convertSpecText(JSON.stringify(input), options);
  if (!result.ok) throw new Error(`Expected a conversion, got problems:\n${result.problems.map((problem) => `${problem.path}: ${problem.message}`).join('\n')}`);
  expect(validateSpecValue(result.spec).ok).toBe(true);
  expect(validateSpecText(JSON.stringify(result.spec, null, 2)).ok).toBe(true);
  return { spec: result.spec, result };
}

/** Converts and insists on refusal; returns the problems as "path: message" lines. */
export function refused(input: Uint8Array | string | object, options: ConvertOptions = {}): string[] {
  const result = typeof input === 'string' ? convertSpecText(input, options) : input instanceof Uint8Array ? convertSpecBytes(input, options) : convertSpecText(JSON.stringify(input), options);
  if (result.ok) throw new Error(`Expected a refusal, but it converted to "${result.spec.title}".`);
  expect(result.problems.length).toBeGreaterThan(0);
  for (const problem of result.problems) {
    expect(problem.message).not.toMatch(/\n\s+at /);
    expect(problem.message.length).toBeGreaterThan(10);
  }
  return result.problems.map((problem) => (problem.path === '' ? problem.message : `${problem.path}: ${problem.message}`));
}

export function points(spec: QualificationSpec): MarkingPoint[] {
  return spec.units.flatMap((unit) => unit.learningOutcomes.flatMap((outcome) => outcome.markingPoints));
}

export function pointTexts(spec: QualificationSpec): string[] {
  return points(spec).map((point) => point.text);
}

export function outline(spec: QualificationSpec): string[] {
  return spec.units.flatMap((unit) => [`${unit.id} ${unit.title}`, ...unit.learningOutcomes.flatMap((outcome) => [`  ${outcome.id} ${outcome.title}`, ...outcome.markingPoints.map((point) => `    ${point.id}`)])]);
}
