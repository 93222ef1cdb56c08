/** IfATE / Skills England apprenticeship standards: KSBs as units K, S, B; duties as guidance; older list names. */
import { describe, expect, it } from 'vitest';
import { converted, fixtureBytes, fixtureJson, outline, points, pointTexts, refused } from './helpers';

describe('apprenticeship standards from the IfATE API', () => {
  it('makes knowledge, skills and behaviours units K, S and B with K1…, S1…, B1… in the API’s order, wording verbatim', () => {
    const { spec, result } = converted(fixtureBytes('ifate-st9901.json'));
    expect(result.format).toBe('ifate');
    expect(outline(spec)).toEqual([
      'K Knowledge', '  K.all What the apprentice knows and understands', '    K1', '    K2', '    K3', '    K4',
      'S Skills', '  S.all What the apprentice can do', '    S1', '    S2', '    S3',
      'B Behaviours', '  B.all How the apprentice behaves at work', '    B1', '    B2',
    ]);
    const source = fixtureJson('ifate-st9901.json') as { knowledges: Array<{ detail: string }>; skills: Array<{ detail: string }>; behaviours: Array<{ detail: string }> };
    expect(pointTexts(spec).slice(4)).toEqual([...source.skills, ...source.behaviours].map((entry) => entry.detail));
    // Entities decoded and markup removed, the words themselves untouched.
    expect(pointTexts(spec).slice(0, 4)).toEqual([
      'Who customers are: internal and external, and how their needs differ',
      'The organisation’s vision, values & service offer',
      'Legislation and regulation that applies to the role, such as the Equality Act 2010 and data protection law',
      "How to recognise a complaint, and the organisation's procedure for handling one",
    ]);
    expect(points(spec)[0]?.['x-ifate']).toEqual({ id: '4f1c2a10-0000-4000-8000-000000000001' });
    expect(spec).toMatchObject({
      id: 'st9901', title: 'Customer service practitioner (fixture)', level: '2', qualificationNumber: 'ST9901', version: '1.2',
      awardingBody: 'Institute for Apprenticeships and Technical Education',
      'x-source': { format: 'ifate', identifier: 'ST9901_1.2', version: '1.2', url: 'https://www.instituteforapprenticeships.org/apprenticeship-standards/customer-service-practitioner-fixture-v1-2' },
    });
  });

  it('keeps each duty as guidance of the units whose KSBs it maps, naming them, and leaves out placeholder duties', () => {
    const { spec, result } = converted(fixtureBytes('ifate-st9901.json'));
    const knowledge = spec.units[0]?.guidance?.keyConcepts ?? [];
    expect(knowledge.map((concept) => concept.title)).toEqual(['Duty 1', 'Duty 2']);
    expect(knowledge[0]?.text).toBe('Find out what each customer needs and meet or exceed it\n\nKSBs: K1, K2, S1, B2.');
    expect(knowledge[1]?.text).toBe('Resolve complaints and record what was done & why\n\nKSBs: K4, K3, S3, S2, B1.');
    expect(knowledge[0]?.['x-ifate']).toEqual({ dutyId: 'd0000000-0000-4000-8000-000000000001', core: true, ksbs: ['K1', 'K2', 'S1', 'B2'] });
    expect(spec.units[2]?.guidance?.keyConcepts?.map((concept) => concept.title)).toEqual(['Duty 1', 'Duty 2']);
    expect(result.notes).toEqual([{ where: '/duties/2', kind: 'dropped', message: 'A duty with no wording (“.”) is left out.' }]);
  });

  it('notes a duty that maps a KSB the standard does not list, and keeps the rest of the duty', () => {
    const standard = fixtureJson('ifate-st9901.json') as { duties: Array<{ mappedSkills: string[] }> };
    standard.duties[0]?.mappedSkills.push('ffffffff-0000-4000-8000-000000000000');
    const { spec, result } = converted(standard);
    expect(spec.units[0]?.guidance?.keyConcepts?.[0]?.text).toContain('KSBs: K1, K2, S1, B2.');
    expect(result.notes[0]?.message).toBe('Duty 1 maps an entry the standard does not list ("ffffffff-0000-4000-8000-000000000000"); that link is left out.');
  });

  it('reads older standards whose lists are named knowledge / skills / behaviours and hold plain text, with a numeric version', () => {
    const { spec } = converted(fixtureBytes('ifate-older-strings.json'));
    expect(points(spec).map((point) => point.id)).toEqual(['K1', 'K2', 'S1', 'S2', 'B1']);
    expect(pointTexts(spec)[3]).toBe('Keep the sales area safe, clean & well presented');
    expect(spec).toMatchObject({ version: '1.1', level: '2', qualificationNumber: 'ST9902' });
  });

  it('reads one ksbs list with types and keys (the courses API), and says Skills England from its address', () => {
    const { spec } = converted(fixtureBytes('ifate-ksbs.json'));
    expect(outline(spec).filter((line) => line.startsWith('    '))).toEqual(['    K1', '    K2', '    S1', '    B1']);
    expect(spec).toMatchObject({ qualificationNumber: 'ST9903', awardingBody: 'Skills England', level: '3' });
  });

  it('reads KSBs held inside options, one marking point per KSB however many options share it', () => {
    const shared = { id: 'k-1', type: 'Knowledge', key: 'K1', detail: 'Shared knowledge' };
    const standard = {
      referenceNumber: 'ST9904', title: 'Options standard', version: '1.0', level: 4,
      options: [
        { optionId: 'o1', title: 'Option A', ksbs: [shared, { id: 's-1', type: 'Skill', key: 'S1', detail: 'Skill for A' }] },
        { optionId: 'o2', title: 'Option B', ksbs: [shared, { id: 's-2', type: 'Skill', key: 'S2', detail: 'Skill for B' }] },
      ],
    };
    const { spec, result } = converted(standard);
    expect(points(spec).map((point) => [point.id, point['x-ifate']])).toEqual([
      ['K1', { id: 'k-1', options: ['Option A', 'Option B'] }],
      ['S1', { id: 's-1', options: ['Option A'] }],
      ['S2', { id: 's-2', options: ['Option B'] }],
    ]);
    expect(result.notes[0]?.message).toContain('read from the standard’s options');
  });

  it('reads core KSBs at the top and option KSBs inside options together, listing each once', () => {
    const { spec } = converted({
      referenceNumber: 'ST9907', title: 'Core and options', version: '1.0', coreAndOptions: true,
      knowledges: [{ knowledgeId: 'k1', detail: 'Core knowledge' }],
      options: [
        { optionId: 'a', title: 'Option A', knowledge: ['Core knowledge', 'Only in A'] },
        { optionId: 'b', title: 'Option B', knowledge: [{ knowledgeId: 'k1', detail: 'Core knowledge' }, 'Only in B'] },
      ],
    });
    expect(points(spec).map((point) => [point.id, point.text, (point['x-ifate'] as { options?: string[] } | undefined)?.options])).toEqual([
      ['K1', 'Core knowledge', undefined], ['K2', 'Only in A', ['Option A']], ['K3', 'Only in B', ['Option B']],
    ]);
  });

  it('reads foundation apprenticeships’ technical knowledge, technical skills and employability lists', () => {
    const { spec } = converted({
      referenceNumber: 'FA9905', title: 'Foundation (fixture)', version: '1.0', level: 2,
      technicalKnowledges: [{ id: 'a', detail: 'Know the tools' }],
      technicalSkills: [{ id: 'b', detail: 'Use the tools' }, { id: 'c', detail: 'Look after the tools' }],
      employabilitySkillsAndBehaviours: [{ id: 'd', detail: 'Arrive on time' }],
    });
    expect(outline(spec).filter((line) => !line.startsWith(' '))).toEqual(['TK Technical knowledge', 'TS Technical skills', 'ESB Employability skills and behaviours']);
    expect(points(spec).map((point) => point.id)).toEqual(['TK1', 'TS1', 'TS2', 'ESB1']);
  });

  it('accepts the API’s list of one standard and wrappers, and refuses a list of several, naming them', () => {
    const standard = fixtureJson('ifate-older-strings.json');
    expect(points(converted([standard]).spec)).toHaveLength(5);
    expect(points(converted({ standard }).spec)).toHaveLength(5);
    expect(refused([standard, { ...standard, referenceNumber: 'ST9999' }])).toEqual(['The file holds 2 standards (ST9902, ST9999); convert one at a time: save the one you need on its own.']);
  });

  it('refuses a standard with no KSBs, and leaves out an entry with no wording, saying where', () => {
    expect(refused({ referenceNumber: 'ST1', title: 'Empty', duties: [] })[0]).toContain('The standard lists no knowledge, skills or behaviours');
    const standard = fixtureJson('ifate-st9901.json') as { skills: Array<{ detail: string }> };
    (standard.skills[1] as { detail: string }).detail = '<p> </p>';
    const { spec, result } = converted(standard);
    expect(points(spec).filter((point) => point.id.startsWith('S')).map((point) => point.id)).toEqual(['S1', 'S3']);
    expect(result.notes).toContainEqual({ where: '/skills/1', kind: 'dropped', message: 'A skills entry with no wording ("detail") cannot be a marking point; it is left out.' });
  });

  it('reads numbers given as text and text given as numbers', () => {
    const { spec } = converted({ referenceNumber: 'ST9906', title: 'Numbers', version: 2, level: '5', knowledges: [{ knowledgeId: 1, detail: 42 }] });
    expect(spec).toMatchObject({ version: '2', level: '5' });
    expect(points(spec)[0]).toMatchObject({ id: 'K1', text: '42', 'x-ifate': { id: '1' } });
  });
});
