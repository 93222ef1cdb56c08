/** Mahara SmartEvidence .matrix files: nested and flat forms, sub-elements, and what is refused. */
import { describe, expect, it } from 'vitest';
import { converted, fixtureBytes, fixtureJson, outline, points, pointTexts, refused } from './helpers';

type Framework = { framework: { standards: Array<Record<string, unknown>>; standardelements: Array<Record<string, unknown>> } };

describe('Mahara .matrix files', () => {
  it('reads the nested form: each standard a unit, each element a marking point labelled with its short name', () => {
    const { spec, result } = converted(fixtureBytes('mahara-nested.matrix'));
    expect(result.format).toBe('mahara');
    expect(outline(spec)).toEqual(['S1 Lead and motivate a team', '  S1.LO1 Lead and motivate a team', '    1.1', '    1.2', '    1.2.1', 'S2 Plan and organise work', '  S2.LO1 Plan and organise work', '    2.1', '    2.2']);
    expect(pointTexts(spec)).toEqual([
      'Set objectives\nAgree clear, measurable objectives with each team member',
      // A name the description already begins with is not repeated.
      'Give feedback that is timely, specific & balanced',
      'Difficult conversations\nHold a difficult conversation calmly, and record what was agreed',
      "Plan the team's work so that deadlines are met",
      'Monitor',
    ]);
    expect(points(spec).map((point) => point.label)).toEqual(['1.1', '1.2', '1.2.1', '2.1', '2.2']);
    expect(spec.units[0]?.synopsis).toBe('Team leaders get the best from the people they lead.');
    expect(result.notes.filter((note) => note.kind === 'dropped')).toEqual([{ where: '/framework/standards/2', kind: 'dropped', message: 'Standard “To be added later” has no elements, so nothing can be mapped to it; it is left out.' }]);
    expect(spec).toMatchObject({ title: 'Team Leader Standards (fixture)', awardingBody: 'Not stated', version: '1', 'x-source': { format: 'mahara' } });
  });

  it('reads the flat form: elements matched to standards by standardid (number or text), sub-elements after their parent', () => {
    const { spec } = converted(fixtureBytes('mahara-flat.matrix'));
    expect(outline(spec)).toEqual(['S1 Professional relationships', '  S1.LO1 Professional relationships', '    1', '    2', '    2a', 'S2 Professional knowledge in practice', '  S2.LO1 Professional knowledge in practice', '    3', '    4']);
    expect(pointTexts(spec)[0]).toBe('1. Build effective relationships with learners\nengage respectfully with:\nlearners\ncolleagues\ncommunicate clearly');
    expect(points(spec)[2]?.['x-mahara']).toEqual({ shortname: '2a', name: 'Safeguarding', elementid: '2.1', parentelementid: '2.0' });
  });

  it('puts a sub-element listed before its parent after the parent', () => {
    const matrix = fixtureJson('mahara-flat.matrix') as Framework;
    const elements = matrix.framework.standardelements;
    matrix.framework.standardelements = [elements[2] as Record<string, unknown>, ...elements.filter((_, index) => index !== 2)];
    expect(points(converted(matrix).spec).map((point) => point.id).slice(0, 3)).toEqual(['1', '2', '2a']);
  });

  it('refuses an element of a standard that is not there, a parent that is not there, and a circle of parents', () => {
    const matrix = fixtureJson('mahara-flat.matrix') as Framework;
    (matrix.framework.standardelements[3] as Record<string, unknown>).standardid = 9;
    expect(refused(matrix)).toEqual(['/framework/standardelements/3/standardid: This element belongs to standard "9", which the framework does not list (a dangling reference).']);

    const orphan = fixtureJson('mahara-flat.matrix') as Framework;
    (orphan.framework.standardelements[2] as Record<string, unknown>).parentelementid = '7.0';
    expect(refused(orphan)).toEqual(['/framework/standardelements/2/parentelementid: This element’s parent "7.0" is not an element of the same standard (a dangling reference).']);

    const circle = fixtureJson('mahara-flat.matrix') as Framework;
    (circle.framework.standardelements[1] as Record<string, unknown>).parentelementid = '2.1';
    expect(refused(circle)[0]).toMatch(/^\/framework\/standardelements\/1: The parentelementid links of 2 elements go round in a circle/);
  });

  it('refuses two standards with one standardid, and a framework whose standards have no elements', () => {
    const matrix = fixtureJson('mahara-flat.matrix') as Framework;
    (matrix.framework.standards[1] as Record<string, unknown>).standardid = 1;
    expect(refused(matrix)[0]).toBe('/framework/standards/1/standardid: The standardid "1" is already used by /framework/standards/0; each standard needs its own.');
    expect(refused({ framework: { name: 'Empty', standards: [{ shortname: 'A', name: 'A' }] } })[0]).toBe('/framework/standards: None of the framework’s standards has any elements, so there is nothing to map evidence to.');
    expect(refused({ framework: { name: 'Empty', standards: [] } }, { from: 'mahara' })[0]).toBe('/framework/standards: The framework lists no standards, so there is nothing to convert.');
  });
});
