import { describe, expect, it } from 'vitest';
import { evidenceErrors, isCalendarDate, isEvidenceShape, problemsFor, validateEvidence } from '../../../core/evidence/validate';
import { tidyEvidence } from '../../../core/evidence/new-evidence';
import type { EvidenceItem } from '../../../core/model/portfolio';
import { item, sha } from './helpers';

const fields = (problems: ReturnType<typeof validateEvidence>, severity: 'error' | 'reminder'): string[] => problems.filter((p) => p.severity === severity).map((p) => p.field);

describe('calendar dates', () => {
  it('accepts real dates and refuses impossible ones', () => {
    expect(isCalendarDate('2024-02-29')).toBe(true);
    for (const bad of ['2023-02-29', '2026-13-01', '2026-00-10', '2026-4-1', '14/03/2026', '', '1899-12-31', 20260314]) expect(isCalendarDate(bad), String(bad)).toBe(false);
  });
});

describe('evidence validation', () => {
  it('a new blank item has no errors but reminds about what an assessor needs', () => {
    const problems = validateEvidence(item('reflective-account'));
    expect(fields(problems, 'error')).toEqual([]);
    expect(fields(problems, 'reminder')).toEqual([
      'title',
      'narrative',
      'label',
      'details.stages.0.text',
      'details.stages.1.text',
      'details.stages.2.text',
      'details.stages.3.text',
      'details.wentWell',
      'details.doDifferently',
      'details.preventRecurrence',
    ]);
    expect(problems.find((p) => p.field === 'details.stages.3.text')?.message).toBe('Write what you did at the “Take action” stage.');
  });

  it('a complete reflective account has nothing to say', () => {
    const complete = item('reflective-account', { title: 'Delayed ISA transfer', narrative: 'What happened.', label: 'both' }, {
      type: 'reflective-account',
      model: 'LATER',
      stages: ['Listen', 'Apologise', 'Thank', 'Empathise', 'Resolve'].map((stage) => ({ stage, text: `I did ${stage}.` })),
      wentWell: 'Calm call.',
      doDifferently: 'Check sooner.',
      preventRecurrence: 'Changed the checklist.',
    });
    expect(validateEvidence(complete)).toEqual([]);
  });

  it('refuses stages that do not follow the chosen model', () => {
    const wrong = item('reflective-account', {}, { type: 'reflective-account', model: 'HEAT', stages: [{ stage: 'Listen', text: '' }] });
    expect(evidenceErrors(wrong)).toEqual([{ field: 'details.stages', message: 'The stages must be those of the HEAT model: Hear, Empathise, Apologise, Take action.', severity: 'error' }]);
  });

  it('asks for the model name and stages when the learner used another model', () => {
    const other = item('reflective-account', {}, { type: 'reflective-account', model: 'other', stages: [] });
    expect(fields(validateEvidence(other), 'reminder')).toEqual(expect.arrayContaining(['details.modelName', 'details.stages']));
  });

  it('witness testimony: name, role, relationship, contact, kind of witness, statement and confirmation', () => {
    const blank = validateEvidence(item('witness-testimony', { title: 'T', narrative: 'N', label: 'reactive' }));
    expect(fields(blank, 'reminder')).toEqual(['details.witness.name', 'details.witness.role', 'details.witness.relationship', 'details.witness.contact', 'details.witness.witnessType', 'details.statement', 'details.witness.confirmedOn']);
    const confirmed = item('witness-testimony', { title: 'T', narrative: 'N', label: 'reactive' }, { type: 'witness-testimony', witness: { name: 'A', role: 'B', relationship: 'C', contact: 'D', witnessType: 'ordinary', confirmedOn: '2026-02-03' }, statement: 'S' });
    expect(fields(validateEvidence(confirmed), 'reminder')).toEqual(['details.witness.confirmedHow']);
    const bad = item('witness-testimony', {}, { type: 'witness-testimony', witness: { name: 'A', role: 'B', relationship: 'C', confirmedOn: '2026-02-31' }, statement: 'S' });
    expect(evidenceErrors(bad)).toEqual([{ field: 'details.witness.confirmedOn', message: 'The date the witness confirmed the statement must be a real date, written as day, month and year.', severity: 'error' }]);
  });

  it('a witness testimony with a statement needs no separate narrative', () => {
    const testimony = item('witness-testimony', {}, { type: 'witness-testimony', witness: { name: 'A', role: 'B', relationship: 'C' }, statement: 'She calmed the customer.' });
    expect(fields(validateEvidence(testimony), 'reminder')).not.toContain('narrative');
  });

  it('call recordings need consent, a length and the recording itself', () => {
    const call = item('call-recording', { title: 'T', narrative: 'N', label: 'reactive' });
    expect(fields(validateEvidence(call), 'reminder')).toEqual(['details.durationSeconds', 'details.consent', 'attachments']);
    const withAudio = item('call-recording', { title: 'T', narrative: 'N', label: 'reactive', attachments: [{ sha256: sha('a'), name: 'call.mp3', mediaType: 'audio/mpeg', size: 10 }] }, { type: 'call-recording', consent: 'Caller told at the start.', durationSeconds: 240 });
    expect(validateEvidence(withAudio)).toEqual([]);
    const badLength = item('call-recording', {}, { type: 'call-recording', consent: 'x', durationSeconds: -3 });
    expect(evidenceErrors(badLength).map((p) => p.field)).toEqual(['details.durationSeconds']);
  });

  it('complaint logs say which stages are missing', () => {
    const log = item('case-log', { title: 'T', narrative: 'N', label: 'reactive' }, { type: 'case-log', stagesCovered: ['identification'] });
    const reminder = validateEvidence(log).find((p) => p.field === 'details.stagesCovered');
    expect(reminder?.message).toMatch(/does not yet show resolution, recording/);
    const unknown = item('case-log', {}, { type: 'case-log', stagesCovered: ['identification', 'guessing' as 'resolution'] });
    expect(evidenceErrors(unknown).map((p) => p.field)).toEqual(['details.stagesCovered']);
  });

  it('observations need an observer, date and setting', () => {
    expect(fields(validateEvidence(item('observation', { title: 'T', narrative: 'N', label: 'reactive' })), 'reminder')).toEqual(['details.observer', 'details.observedOn', 'details.setting']);
  });

  it('errors name the field: dates, lengths, tags, legislation, attachments', () => {
    const bad: EvidenceItem = item('work-product', {
      title: 'x'.repeat(201),
      activityDate: '2026-02-30',
      tags: ['ok', '', 'y'.repeat(51)],
      legislation: ['Equality Act 2010', ' '],
      attachments: [
        { sha256: 'nothex', name: 'a.png', mediaType: 'image/png', size: 1 },
        { sha256: sha('b'), name: 'b.exe', mediaType: 'application/x-msdownload', size: 1 },
        { sha256: sha('c'), name: 'c.png', mediaType: 'image/png', size: -1 },
      ],
    });
    expect(evidenceErrors(bad).map((p) => p.field)).toEqual(['title', 'activityDate', 'legislation.1', 'tags.1', 'tags.2', 'attachments.0', 'attachments.1', 'attachments.2']);
    expect(evidenceErrors(bad)[0]?.message).toBe('The title must be 200 characters or fewer (it is 201).');
  });

  it('points out an activity date in the future', () => {
    const future = item('work-product', { activityDate: '2026-05-01' });
    expect(validateEvidence(future, { today: '2026-03-14' }).find((p) => p.field === 'activityDate')?.severity).toBe('reminder');
  });

  it('refuses details of another type and an unknown type without throwing', () => {
    const mixed = { ...item('observation'), details: { type: 'witness-testimony', witness: { name: '', role: '', relationship: '' }, statement: '' } } satisfies EvidenceItem;
    expect(evidenceErrors(mixed).map((p) => p.field)).toEqual(['details']);
    const unknown = { ...item('observation'), type: 'diary' } as unknown as EvidenceItem;
    expect(evidenceErrors(unknown).map((p) => p.field)).toEqual(['type']);
  });

  it('proactive evidence is asked what stops the problem recurring', () => {
    expect(fields(validateEvidence(item('work-product', { title: 'T', narrative: 'N', label: 'proactive' })), 'reminder')).toEqual(['prevention']);
    expect(validateEvidence(item('work-product', { title: 'T', narrative: 'N', label: 'proactive', prevention: 'New checklist.' }))).toEqual([]);
  });

  it('tidy items stay valid and problemsFor picks a field with its sub-fields', () => {
    const tidy = tidyEvidence(item('witness-testimony', {}, { type: 'witness-testimony', witness: { name: ' A ', role: 'B', relationship: 'C', confirmedOn: '' }, statement: '' }));
    expect(evidenceErrors(tidy)).toEqual([]);
    const problems = validateEvidence(tidy);
    expect(problemsFor(problems, 'details.witness').map((p) => p.field)).toEqual(['details.witness.contact', 'details.witness.witnessType', 'details.witness.confirmedOn']);
  });
});

describe('shape of untrusted drafts', () => {
  it('accepts a real item and refuses values a form could not show', () => {
    const good = item('observation');
    expect(isEvidenceShape(good)).toBe(true);
    expect(isEvidenceShape({ ...good, tags: 'complaint' })).toBe(false);
    expect(isEvidenceShape({ ...good, details: { type: 'case-log', stagesCovered: [] } })).toBe(false);
    expect(isEvidenceShape({ ...good, label: 'sometimes' })).toBe(false);
    expect(isEvidenceShape({ ...good, title: 42 })).toBe(false);
    expect(isEvidenceShape(null)).toBe(false);
    expect(isEvidenceShape('{"id":"x"}')).toBe(false);
  });
});
