/** The qualification editor's pure helpers: drafts to specs, versions, ids for pasted criteria, edits by path. */
import { describe, expect, it } from 'vitest';
import { splitCriteria } from '../../../core/spec/criteria';
import { blankSpec, describeDraftPointer, insertIn, isSameSpec, moveIn, nextVersion, outcomesFromPaste, removeIn, renameUnit, setIn, specFromDraft, updateIn } from '../../../core/spec/draft';
import { builtinSpec } from '../../../core/spec/builtin';
import type { QualificationSpec } from '../../../core/spec/types';
import { validateSpecValue } from '../../../core/spec/validate';

function filled(): QualificationSpec {
  const spec = blankSpec();
  spec.id = 'draft-spec';
  spec.title = 'Draft';
  spec.awardingBody = 'Body';
  const unit = spec.units[0] as QualificationSpec['units'][number];
  unit.title = 'Unit';
  unit.learningOutcomes[0]!.title = 'Outcome';
  unit.learningOutcomes[0]!.markingPoints[0]!.text = 'Point';
  return spec;
}

describe('specFromDraft', () => {
  it('leaves out blank optional fields and empty guidance, so a filled draft validates', () => {
    const draft = filled();
    draft.level = ' ';
    draft.qualificationNumber = '';
    const unit = draft.units[0]!;
    unit.synopsis = '';
    unit.guidance = { tips: ['', '  '], misconceptions: [], keyConcepts: [{ title: '', text: '' }] };
    unit.learningOutcomes[0]!.markingPoints[0]!.label = '';
    const spec = specFromDraft(draft);
    expect(spec).not.toHaveProperty('level');
    expect(spec).not.toHaveProperty('qualificationNumber');
    expect(spec.units[0]).not.toHaveProperty('synopsis');
    expect(spec.units[0]).not.toHaveProperty('guidance');
    expect(spec.units[0]!.learningOutcomes[0]!.markingPoints[0]).not.toHaveProperty('label');
    expect(validateSpecValue(spec).ok).toBe(true);
    // The draft itself is untouched.
    expect(draft.level).toBe(' ');
  });

  it('keeps what is filled in, and leaves blank required fields for the validator to name', () => {
    const draft = filled();
    draft.qualificationNumber = 'ST0116';
    draft.units[0]!.guidance = { tips: ['One tip', ''] };
    expect(specFromDraft(draft)).toMatchObject({ qualificationNumber: 'ST0116', units: [{ guidance: { tips: ['One tip'] } }] });
    const result = validateSpecValue(specFromDraft(blankSpec()));
    expect(result.ok).toBe(false);
    if (!result.ok) expect(result.problems.map((problem) => problem.path)).toEqual(['/awardingBody', '/id', '/title', '/units/0/learningOutcomes/0/markingPoints/0/text', '/units/0/learningOutcomes/0/title', '/units/0/title']);
  });
});

describe('editing helpers', () => {
  it('sets, inserts, removes and moves by path without changing the original', () => {
    const spec = builtinSpec();
    const before = JSON.stringify(spec);
    const renamed = setIn(spec, ['units', 1, 'title'], 'New title');
    expect(renamed.units[1]?.title).toBe('New title');
    expect(renamed.units[0]).toBe(spec.units[0]);
    expect(insertIn(spec, ['units'], { id: 'X' }, 0).units.map((unit) => unit.id).slice(0, 3)).toEqual(['CS1', 'X', 'CS2']);
    expect(removeIn(spec, ['units'], 0).units[0]?.id).toBe('CS2');
    expect(moveIn(spec, ['units'], 0, 1).units.map((unit) => unit.id).slice(0, 2)).toEqual(['CS2', 'CS1']);
    expect(moveIn(spec, ['units'], 0, -1)).toEqual(spec);
    expect(updateIn(spec, ['units', 0, 'guidance', 'tips'], (tips) => [...(tips as string[]), 'extra']).units[0]?.guidance?.tips?.at(-1)).toBe('extra');
    expect(JSON.stringify(spec)).toBe(before);
  });

  it('renames a unit’s outcomes and marking points with it', () => {
    const spec = renameUnit(filled(), 0, 'U201');
    expect(spec.units[0]).toMatchObject({ id: 'U201', learningOutcomes: [{ id: 'U201.LO1', markingPoints: [{ id: 'U201.1.1' }] }] });
    expect(renameUnit(spec, 0, '').units[0]?.learningOutcomes[0]?.id).toBe('U201.LO1');
  });

  it('gives the next free version', () => {
    expect(nextVersion('2026.1', new Set(['2026.1']))).toBe('2026.2');
    expect(nextVersion('2026.1', new Set(['2026.1', '2026.2', '2026.3']))).toBe('2026.4');
    expect(nextVersion('1', new Set())).toBe('2');
    expect(nextVersion('v3-beta', new Set())).toBe('v4-beta');
    expect(nextVersion('draft', new Set())).toBe('draft.1');
  });

  it('tells an edit from the same content in another field order', () => {
    const spec = builtinSpec();
    // The same fields, written in reverse order at every level.
    const reverse = (value: unknown): unknown => (Array.isArray(value) ? value.map(reverse) : value !== null && typeof value === 'object' ? Object.fromEntries(Object.entries(value).reverse().map(([key, inner]) => [key, reverse(inner)])) : value);
    const reordered = reverse(spec) as QualificationSpec;
    expect(JSON.stringify(reordered)).not.toBe(JSON.stringify(spec));
    expect(isSameSpec(spec, reordered)).toBe(true);
    expect(isSameSpec(spec, setIn(spec, ['units', 0, 'title'], 'Changed'))).toBe(false);
  });

  it('makes outcomes and marking points from pasted criteria, with unique ids and the numbers as labels', () => {
    const spec = filled();
    spec.units[0]!.learningOutcomes[0]!.id = 'U1.LO1';
    const pasted = splitCriteria('1 Understand\n1.1 Describe\n1.2 Explain\nP1 Pass criterion');
    const outcomes = outcomesFromPaste(spec, 'U1', pasted);
    expect(outcomes).toEqual([
      { id: 'U1.LO1-2', title: 'Understand', markingPoints: [{ id: 'U1.1.1-2', text: 'Describe', label: '1.1' }, { id: 'U1.1.2', text: 'Explain', label: '1.2' }] },
      { id: 'U1.LO3', title: 'Criteria', markingPoints: [{ id: 'U1.P1', text: 'Pass criterion', label: 'P1' }] },
    ]);
    expect(validateSpecValue({ ...spec, units: [{ ...spec.units[0], learningOutcomes: [...spec.units[0]!.learningOutcomes, ...outcomes] }] }).ok).toBe(true);
  });

  it('says where a pointer is in words', () => {
    const spec = builtinSpec();
    expect(describeDraftPointer(spec, '/units/1/learningOutcomes/0/markingPoints/2/text')).toBe('Unit 2 (CS2), learning outcome 1, marking point 3: wording');
    expect(describeDraftPointer(spec, '/awardingBody')).toBe('The qualification: awarding body');
    expect(describeDraftPointer(spec, '/units/0/guidance/tips/3')).toBe('Unit 1 (CS1), tip 4');
    expect(describeDraftPointer(spec, '/units/0')).toBe('Unit 1 (CS1)');
  });
});
