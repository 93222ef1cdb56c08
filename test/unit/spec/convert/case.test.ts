/** IMS CASE packages (1.0, 1.1, early OpenSALT exports): the tree, its order, and what is refused. */
import { describe, expect, it } from 'vitest';
import { converted, fixtureBytes, fixtureJson, outline, points, pointTexts, refused } from './helpers';

type Json = Record<string, unknown> & { CFItems: Array<Record<string, unknown>>; CFAssociations: Array<Record<string, unknown>>; CFDocument: Record<string, unknown> };
const case10 = (): Json => fixtureJson('case-1.0.json') as Json;

describe('CASE 1.0 packages', () => {
  it('rebuilds the tree from isChildOf in sequenceNumber order, each leaf a marking point with its statement as plain text', () => {
    const { spec, result } = converted(fixtureBytes('case-1.0.json'));
    expect(result.format).toBe('case');
    expect(outline(spec)).toEqual([
      'DS1 Communicate and collaborate online',
      '  DS1.LO1 Communicate and collaborate online',
      '    DS1.1',
      '    DS1.2',
      '    DS1.3',
      'DS2 Handle information and content safely',
      '  DS2.LO1 Handle information and content safely',
      '    DS2.1',
      '  DS2.A Searching and evaluating',
      '    DS2.A.1',
      '    DS2.A.2',
    ]);
    expect(pointTexts(spec)).toEqual([
      'Write clear messages for colleagues and customers',
      'Work on shared documents & keep track of changes',
      'Take part in video meetings: join, share a screen and use the chat',
      "Store files so that they can be found again, following the organisation's rules",
      'Search for information using more than one source',
      'Judge whether a source can be trusted',
    ]);
    // Every CFItem without children is a marking point: nothing dropped, nothing merged.
    const items = case10().CFItems;
    const parents = new Set(case10().CFAssociations.filter((a) => a.associationType === 'isChildOf').map((a) => (a.destinationNodeURI as { identifier: string }).identifier));
    const leaves = items.filter((item) => !parents.has(item.identifier as string));
    expect(points(spec).map((point) => (point['x-case'] as { identifier: string }).identifier).sort()).toEqual(leaves.map((item) => item.identifier).sort());
    expect(spec).toMatchObject({
      id: 'digital-skills-framework-fixture',
      title: 'Digital Skills Framework (fixture)',
      awardingBody: 'Fixture Awarding Organisation',
      version: '2.0',
      'x-source': { format: 'case', caseVersion: '1.0', identifier: '0f0e0d0c-0000-4000-8000-000000000000', version: '2.0', url: 'https://standards.example.invalid/digital-skills' },
    });
    expect(spec.units[0]?.synopsis).toBe('Covers e-mail, messaging and shared documents.');
    expect(result.notes).toEqual([]);
  });

  it('keeps the original identifiers in x-case, and the human code wherever the id is not that code', () => {
    const { spec } = converted(fixtureBytes('case-1.0.json'));
    expect(points(spec)[0]).toEqual({ id: 'DS1.1', text: 'Write clear messages for colleagues and customers', 'x-case': { identifier: '0f0e0d0c-0000-4000-8000-000000000003', itemType: 'Competency' } });
  });

  it('makes ids from codes that are not valid ids, and keeps them unique', () => {
    const pkg = case10();
    (pkg.CFItems[2] as Record<string, unknown>).humanCodingScheme = 'DS 1 / 1 (a)';
    (pkg.CFItems[3] as Record<string, unknown>).humanCodingScheme = 'DS1.3';
    delete (pkg.CFItems[0] as Record<string, unknown>).humanCodingScheme;
    const { spec } = converted(pkg);
    const ids = points(spec).map((point) => point.id);
    expect(ids.slice(0, 3)).toEqual(['DS_1__1_a', 'DS1.3', 'DS1.3-2']);
    expect(points(spec).slice(0, 3).map((point) => (point['x-case'] as { humanCodingScheme?: string }).humanCodingScheme)).toEqual(['DS 1 / 1 (a)', undefined, 'DS1.3']);
    expect(spec.units[0]?.id).toBe('U1');
    expect(new Set([...ids, ...spec.units.map((unit) => unit.id)]).size).toBe(ids.length + spec.units.length);
  });

  it('reads sequence numbers written as text, and puts those without one last, in association order', () => {
    const pkg = case10();
    const children = pkg.CFAssociations.filter((a) => (a.destinationNodeURI as { identifier: string }).identifier === '0f0e0d0c-0000-4000-8000-000000000001');
    for (const association of children) delete association.sequenceNumber;
    (children[1] as Record<string, unknown>).sequenceNumber = ' 7 ';
    const { spec } = converted(pkg);
    expect(spec.units[0]?.learningOutcomes[0]?.markingPoints.map((point) => point.id)).toEqual(['DS1.1', 'DS1.3', 'DS1.2']);
  });

  it('places items no isChildOf reaches at the top level, and says so', () => {
    const pkg = case10();
    pkg.CFItems.push({ identifier: 'loose-1', fullStatement: 'Keep passwords private', humanCodingScheme: 'X1' });
    const { spec, result } = converted(pkg);
    expect(spec.units.at(-1)?.learningOutcomes[0]?.markingPoints.map((point) => point.text)).toEqual(['Keep passwords private']);
    expect(result.notes.map((note) => note.message).join(' ')).toContain('1 item has no isChildOf association ("X1")');
  });

  it('ignores associations other than isChildOf, even when they point outside the package', () => {
    const pkg = case10();
    expect(pkg.CFAssociations.some((a) => a.associationType === 'exactMatchOf')).toBe(true);
    converted(pkg);
  });

  it('uses a short statement when the full one is blank, and leaves out (saying so) a leaf with no wording at all', () => {
    const pkg = case10();
    (pkg.CFItems[2] as Record<string, unknown>).fullStatement = '  ';
    (pkg.CFItems[2] as Record<string, unknown>).abbreviatedStatement = 'Write messages';
    expect(pointTexts(converted(pkg).spec)[0]).toBe('Write messages');
    delete (pkg.CFItems[2] as Record<string, unknown>).abbreviatedStatement;
    const { spec, result } = converted(pkg);
    expect(points(spec)).toHaveLength(5);
    expect(result.notes).toEqual([{ where: '/CFItems/2', kind: 'dropped', message: 'An entry with no wording (“DS1.1”) cannot be a marking point; it is left out.' }]);
    // A group whose every leaf is blank goes too, and a framework with nothing left is refused.
    for (const index of [3, 4]) (pkg.CFItems[index] as Record<string, unknown>).fullStatement = '';
    expect(converted(pkg).spec.units.map((unit) => unit.id)).toEqual(['DS2']);
    for (const item of pkg.CFItems) item.fullStatement = '<p></p>';
    expect(refused(pkg)).toEqual(['The framework has no competency with any wording, so there is nothing to convert.']);
  });
});

describe('CASE 1.1 and early OpenSALT exports', () => {
  it('reads a CFPackage wrapper, says 1.1, and keeps an item with two parents once, under the first', () => {
    const { spec, result } = converted(fixtureBytes('case-1.1.json'));
    expect(spec['x-source']).toMatchObject({ format: 'case', caseVersion: '1.1' });
    expect(points(spec)).toHaveLength(6);
    expect(spec.units[1]?.learningOutcomes[0]?.markingPoints.map((point) => point.id)).toEqual(['DS2.1']);
    expect(result.notes).toEqual([expect.objectContaining({ where: '/CFPackage/CFAssociations/10', message: expect.stringContaining('Item "DS2.1" is also a child of "DS1"; it is kept once') })]);
    // No publisher: the creator is the awarding body.
    expect(spec.awardingBody).toBe('Fixture Standards Group');
  });

  it('reads lsDoc / lsItems / lsAssociations with plain identifiers and no sequence numbers', () => {
    const { spec, result } = converted(fixtureBytes('case-opensalt-early.json'));
    expect(outline(spec)).toEqual(['U1 Number sense', '  U1.LO1 Number sense', '    U1.LO1.1', '    U1.LO1.2', 'U2 Measurement', '  U2.LO1 Measurement', '    U2.LO1.1']);
    expect(pointTexts(spec)).toEqual(['Count to 100 by ones and by tens.', 'Compare two numbers between 1 and 10.', 'Describe measurable attributes of objects, such as length or weight.']);
    expect(spec.version).toBe('2016-09-28');
    expect(result.notes.map((note) => note.message)).toContain('The CFDocument gives no version; “2016-09-28” (the date it last changed) is used.');
  });

  it('resolves nodes given only as URIs', () => {
    const pkg = case10();
    for (const association of pkg.CFAssociations) {
      association.originNodeURI = (association.originNodeURI as { uri: string }).uri;
      association.destinationNodeURI = (association.destinationNodeURI as { uri: string }).uri;
    }
    expect(points(converted(pkg).spec)).toHaveLength(6);
  });
});

describe('CASE packages that are refused', () => {
  it('refuses a cycle, naming the items in it', () => {
    const pkg = case10();
    // DS2.A (item 6) becomes a child of its own child DS2.A.1 (item 7).
    const association = pkg.CFAssociations.find((a) => (a.originNodeURI as { identifier: string }).identifier === '0f0e0d0c-0000-4000-8000-000000000006') as Record<string, unknown>;
    association.destinationNodeURI = { identifier: '0f0e0d0c-0000-4000-8000-000000000007', uri: 'x', title: '' };
    const problems = refused(pkg);
    expect(problems).toHaveLength(1);
    expect(problems[0]).toMatch(/^\/CFAssociations\/\d+: The isChildOf associations go round in a circle: "DS2\.A(\.1)?" → "DS2\.A(\.1)?" → /);
  });

  it('refuses an item that is its own parent', () => {
    const pkg = case10();
    const association = pkg.CFAssociations[0] as Record<string, unknown>;
    association.destinationNodeURI = association.originNodeURI;
    expect(refused(pkg)[0]).toMatch(/^\/CFAssociations\/0: This isChildOf association makes item ".*" a child of itself \(a cycle\)\.$/);
  });

  it('refuses dangling references at either end', () => {
    const pkg = case10();
    (pkg.CFAssociations[2] as Record<string, unknown>).destinationNodeURI = { identifier: 'nowhere', uri: 'https://case.example.invalid/CFItems/nowhere', title: 'gone' };
    (pkg.CFAssociations[3] as Record<string, unknown>).originNodeURI = { identifier: 'missing-child', uri: 'https://case.example.invalid/CFItems/missing-child' };
    expect(refused(pkg)).toEqual([
      '/CFAssociations/2/destinationNodeURI: This isChildOf association points to "nowhere", which is neither the CFDocument nor an item in the package (a dangling reference).',
      '/CFAssociations/3/originNodeURI: This isChildOf association starts from "missing-child", which is not an item in the package (a dangling reference).',
    ]);
  });

  it('refuses an identifier given to two items, or to an item and the document', () => {
    const pkg = case10();
    (pkg.CFItems[4] as Record<string, unknown>).identifier = pkg.CFItems[3]?.identifier;
    (pkg.CFItems[5] as Record<string, unknown>).identifier = pkg.CFDocument.identifier;
    expect(refused(pkg)).toEqual([
      '/CFItems/4/identifier: The identifier "0f0e0d0c-0000-4000-8000-000000000004" is already used by /CFItems/3; each item must have its own.',
      '/CFItems/5/identifier: The identifier "0f0e0d0c-0000-4000-8000-000000000000" is the CFDocument’s own; each item must have its own.',
    ]);
  });

  it('refuses a package without a document or without items', () => {
    const pkg = case10();
    expect(refused({ CFItems: pkg.CFItems, CFAssociations: pkg.CFAssociations }, { from: 'case' })[0]).toContain('no CFDocument');
    expect(refused({ CFDocument: pkg.CFDocument, CFItems: [], CFAssociations: [] })[0]).toBe('/CFItems: The package lists no CFItems, so there are no competencies to convert.');
  });

  it('refuses a statement longer than a marking point may hold rather than cutting it', () => {
    const pkg = case10();
    (pkg.CFItems[2] as Record<string, unknown>).fullStatement = 'word '.repeat(2_500);
    expect(refused(pkg)[0]).toMatch(/^\/CFItems\/2: This competency’s statement is 12,499 characters long/);
  });
});
