import { describe, expect, it } from 'vitest';
import { changedEvidenceFields, summariseDeletedEvidence, summariseEvidenceChange, summariseNewEvidence } from '../../../core/evidence/audit-summary';
import { item, sha } from './helpers';

describe('audit summaries', () => {
  const before = item('witness-testimony', { title: 'Supervisor statement', narrative: 'A' }, { type: 'witness-testimony', witness: { name: 'Jo', role: 'Lead', relationship: 'Manager' }, statement: 'Good.' });

  it('names each changed field in plain words', () => {
    const after = { ...before, narrative: 'B', details: { ...before.details, witness: { name: 'Jo', role: 'Lead', relationship: 'Manager', confirmedOn: '2026-03-15' }, statement: 'Very good.' } };
    expect(changedEvidenceFields(before, after)).toEqual(['the narrative', 'the witness’s confirmation', 'the witness’s statement']);
    expect(summariseEvidenceChange(before, after)).toBe('Changed the narrative, the witness’s confirmation and the witness’s statement of witness testimony “Supervisor statement”.');
  });

  it('reports attachments added, removed and renamed', () => {
    const withFile = { ...before, attachments: [{ sha256: sha('a'), name: 'log.png', mediaType: 'image/png', size: 3 }] };
    expect(summariseEvidenceChange(before, withFile)).toBe('Attached “log.png” of witness testimony “Supervisor statement”.');
    expect(summariseEvidenceChange(withFile, before)).toBe('Removed the attachment “log.png” of witness testimony “Supervisor statement”.');
    const renamed = { ...withFile, attachments: [{ sha256: sha('a'), name: 'complaint log.png', mediaType: 'image/png', size: 3 }] };
    expect(summariseEvidenceChange(withFile, renamed)).toBe('Renamed an attachment of witness testimony “Supervisor statement”.');
  });

  it('says nothing when nothing changed, and ignores timestamps', () => {
    expect(summariseEvidenceChange(before, { ...before, updatedAt: '2027-01-01T00:00:00.000Z' })).toBeUndefined();
  });

  it('describes a type change without comparing unrelated details', () => {
    expect(changedEvidenceFields(before, { ...before, type: 'observation', details: { type: 'observation', observer: '' } })).toEqual(['the kind of evidence']);
  });

  it('describes added and deleted items, untitled ones too', () => {
    expect(summariseNewEvidence(item('call-recording'))).toBe('Added call recording (untitled).');
    expect(summariseDeletedEvidence(before, 2, 1)).toBe('Deleted witness testimony “Supervisor statement” with its 2 mappings and 1 comment.');
    expect(summariseDeletedEvidence(before, 0)).toBe('Deleted witness testimony “Supervisor statement”.');
  });
});
