import { existsSync, readFileSync, readdirSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { buildBuiltinSpec } from '../../../core/spec/build-builtin';
import { builtinSpec } from '../../../core/spec/builtin';
import { parseSeedDocument } from '../../../core/spec/seed-parser';
import { validateSpecValue } from '../../../core/spec/validate';

const seedDir = join(import.meta.dirname, '..', '..', '..', '..', 'shared', 'seeds');
const hasSeeds = existsSync(seedDir);
const seeds = hasSeeds
  ? readdirSync(seedDir).filter((name) => name.endsWith('.txt')).sort().map((name) => ({ name, text: readFileSync(join(seedDir, name), 'utf8') }))
  : [];

describe('built-in qualification', () => {
  const spec = builtinSpec();
  const points = spec.units.flatMap((unit) => unit.learningOutcomes.flatMap((outcome) => outcome.markingPoints));

  it('is a valid specification with five units and 23 marking points', () => {
    expect(validateSpecValue(spec).ok).toBe(true);
    expect(spec.units.map((unit) => unit.id)).toEqual(['CS1', 'CS2', 'CS3', 'CS4', 'CS5']);
    expect(points).toHaveLength(23);
    for (const point of points) expect(point.label?.length ?? 0).toBeGreaterThan(0);
  });

  it('carries each unit’s synopsis, key concepts, tips and misconceptions as guidance', () => {
    for (const unit of spec.units) {
      expect(unit.synopsis?.length).toBeGreaterThan(100);
      expect(unit.guidance?.keyConcepts?.length).toBeGreaterThanOrEqual(5);
      expect(unit.guidance?.tips?.length).toBeGreaterThanOrEqual(3);
      expect(unit.guidance?.misconceptions?.length).toBeGreaterThanOrEqual(3);
    }
  });

  it.runIf(hasSeeds)('holds every examiner marking point of the seeds verbatim, each once', () => {
    const seedPoints = seeds.flatMap((seed) => parseSeedDocument(seed.text).markingPoints);
    expect(seedPoints).toHaveLength(23);
    expect([...points.map((point) => point.text)].sort()).toEqual([...seedPoints].sort());
    for (const text of seedPoints) {
      expect(seeds.some((seed) => seed.text.includes(text))).toBe(true);
    }
  });

  it.runIf(hasSeeds)('matches what the seeds generate today (regenerate with scripts/build-builtin-spec.ts)', () => {
    expect(buildBuiltinSpec(seeds)).toEqual(builtinSpec());
  });

  it('returns a fresh copy each time so callers cannot change the built-in one', () => {
    const first = builtinSpec();
    first.title = 'changed';
    expect(builtinSpec().title).not.toBe('changed');
  });
});

describe('seed parser', () => {
  it('reads headings, bullets and key concepts, ignoring the preview line', () => {
    const document = parseSeedDocument([
      'Preview line that is cut sho',
      'Topic Synopsis',
      'The synopsis.',
      'Key Concepts & Core Principles',
      '- Title One: Text one.',
      'Exam Tips & Revision Strategies',
      '- Tip one.',
      'Common Misconceptions & Mistakes to Avoid',
      '- Mistake one.',
      'Examiner Marking Points',
      '- Award credit for a thing.',
    ].join('\n'));
    expect(document).toEqual({
      synopsis: 'The synopsis.',
      keyConcepts: [{ title: 'Title One', text: 'Text one.' }],
      tips: ['Tip one.'],
      misconceptions: ['Mistake one.'],
      markingPoints: ['Award credit for a thing.'],
    });
  });

  it('refuses a document with a missing section', () => {
    expect(() => parseSeedDocument('Topic Synopsis\nOnly this.')).toThrow(/keyConcepts/);
  });
});
