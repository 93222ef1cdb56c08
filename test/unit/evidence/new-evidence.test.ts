import { describe, expect, it } from 'vitest';
import { EVIDENCE_TYPES, type EvidenceItem } from '../../../core/model/portfolio';
import { blankDetails, changeEvidenceType, newEvidenceItem, parseTagInput, stagesForModel, tidyEvidence } from '../../../core/evidence/new-evidence';
import { evidenceErrors } from '../../../core/evidence/validate';
import { evidenceContentHash } from '../../../core/integrity/content-hash';
import { item, NOW } from './helpers';

describe('new evidence', () => {
  it.each(EVIDENCE_TYPES)('a new %s is valid from the start, dated today', (type) => {
    const created = newEvidenceItem({ id: 'e1', portfolioId: 'p1', type, now: NOW });
    expect(created.details.type).toBe(type);
    expect(created.activityDate).toBe('2026-03-14');
    expect(evidenceErrors(created)).toEqual([]);
    expect(tidyEvidence(created)).toEqual(created);
  });

  it('a reflective account starts with the HEAT stages', () => {
    expect(blankDetails('reflective-account')).toEqual({
      type: 'reflective-account',
      model: 'HEAT',
      stages: [{ stage: 'Hear', text: '' }, { stage: 'Empathise', text: '' }, { stage: 'Apologise', text: '' }, { stage: 'Take action', text: '' }],
    });
  });
});

describe('model stages', () => {
  it('keeps the text of stages with the same name when the model changes', () => {
    const heat = [{ stage: 'Hear', text: 'Listened' }, { stage: 'Empathise', text: 'Said I understood' }, { stage: 'Apologise', text: 'Sorry' }, { stage: 'Take action', text: 'Fixed' }];
    expect(stagesForModel('LATER', heat)).toEqual([
      { stage: 'Listen', text: '' },
      { stage: 'Apologise', text: 'Sorry' },
      { stage: 'Thank', text: '' },
      { stage: 'Empathise', text: 'Said I understood' },
      { stage: 'Resolve', text: '' },
    ]);
    expect(stagesForModel('other', heat)).toEqual(heat);
  });
});

describe('tidying', () => {
  it('trims, drops empty optional fields, removes duplicate tags and folds legislation to catalogue names', () => {
    const messy = item('witness-testimony', {
      title: '  Supervisor   statement ',
      narrative: '\n\nLine one\r\nline two  \n\n',
      tags: ['Complaint', ' complaint ', '', 'CS5'],
      legislation: ['gdpr', 'UK GDPR', 'Our complaints policy', '  '],
      rootCause: '   ',
    }, { type: 'witness-testimony', witness: { name: ' Jo Bloggs ', role: 'Team leader', relationship: 'Manager', contact: ' ', confirmedOn: '' }, statement: ' She was calm. ', statementDate: '' });
    const tidy = tidyEvidence(messy);
    expect(tidy.title).toBe('Supervisor statement');
    expect(tidy.narrative).toBe('Line one\nline two');
    expect(tidy.tags).toEqual(['Complaint', 'CS5']);
    expect(tidy.legislation).toEqual(['UK GDPR', 'Our complaints policy']);
    expect(tidy).not.toHaveProperty('rootCause');
    expect(tidy.details).toEqual({ type: 'witness-testimony', witness: { name: 'Jo Bloggs', role: 'Team leader', relationship: 'Manager' }, statement: 'She was calm.' });
    expect(tidyEvidence(tidy)).toEqual(tidy);
  });

  it('drops fields a type does not have, so nothing stray reaches a package', () => {
    const stray = { ...item('observation'), details: { type: 'observation', observer: 'A', extra: '<script>' } } as unknown as EvidenceItem;
    expect(tidyEvidence(stray).details).toEqual({ type: 'observation', observer: 'A' });
    const attachments = [{ sha256: 'a'.repeat(64), name: 'x.png', mediaType: 'image/png', size: 3, blob: 'no' }] as unknown as EvidenceItem['attachments'];
    expect(tidyEvidence({ ...item('observation'), attachments }).attachments).toEqual([{ sha256: 'a'.repeat(64), name: 'x.png', mediaType: 'image/png', size: 3 }]);
  });

  it('keeps case-log stages in order and once each', () => {
    const log = item('case-log', {}, { type: 'case-log', stagesCovered: ['recording', 'identification', 'recording'] });
    expect(tidyEvidence(log).details).toEqual({ type: 'case-log', stagesCovered: ['identification', 'recording'] });
  });

  it('tidying does not change the content hash of an already tidy item', async () => {
    const tidy = tidyEvidence(item('call-recording', { title: 'Call', narrative: 'N' }, { type: 'call-recording', consent: 'Yes', durationSeconds: 120 }));
    expect(await evidenceContentHash(tidyEvidence(tidy))).toBe(await evidenceContentHash(tidy));
  });

  it('changing type keeps common fields and starts the type-specific ones afresh', () => {
    const changed = changeEvidenceType(item('observation', { title: 'Kept' }, { type: 'observation', observer: 'X' }), 'case-log');
    expect(changed.title).toBe('Kept');
    expect(changed.details).toEqual({ type: 'case-log', stagesCovered: [] });
  });

  it('reads tags separated by commas or new lines', () => {
    expect(parseTagInput('complaint, ISA ,\nCS5,, complaint')).toEqual(['complaint', 'ISA', 'CS5']);
  });
});
