import { describe, expect, it } from 'vitest';
import { EVIDENCE_TYPES, COMPLAINT_MODELS } from '../../../core/model/portfolio';
import { COMPLAINT_MODEL_INFO, EVIDENCE_TYPE_INFO, LEGISLATION_CATALOGUE, addLegislation, evidenceTypeLabel, findLegislation } from '../../../core/evidence/catalogue';
import { MODEL_STAGES } from '../../../core/checks/evidence-rules';

describe('catalogues', () => {
  it('describes every evidence type', () => {
    for (const type of EVIDENCE_TYPES) {
      expect(EVIDENCE_TYPE_INFO[type].label.length).toBeGreaterThan(3);
      expect(EVIDENCE_TYPE_INFO[type].description).toMatch(/\.$/);
    }
    expect(evidenceTypeLabel('case-log')).toBe('Complaint or case log');
    expect(evidenceTypeLabel('nonsense')).toBe('Unknown type');
  });

  it('gives the complaint models the stages the seeds name (and the checks expect)', () => {
    expect(COMPLAINT_MODEL_INFO.HEAT.stages).toEqual(['Hear', 'Empathise', 'Apologise', 'Take action']);
    expect(COMPLAINT_MODEL_INFO.LATER.stages).toEqual(['Listen', 'Apologise', 'Thank', 'Empathise', 'Resolve']);
    expect(COMPLAINT_MODEL_INFO.AAAA.stages).toEqual(['Acknowledge', 'Apologise', 'Act', 'Assure']);
    for (const model of COMPLAINT_MODELS) if (model !== 'other') expect(COMPLAINT_MODEL_INFO[model].stages).toEqual(MODEL_STAGES[model]);
  });

  it('holds the legislation the seeds name, with unique ids and names', () => {
    const names = LEGISLATION_CATALOGUE.map((entry) => entry.name);
    for (const expected of ['Financial Services and Markets Act 2000', 'Consumer Rights Act 2015', 'Data Protection Act 2018', 'UK GDPR', 'Equality Act 2010']) expect(names).toContain(expected);
    expect(names.some((name) => name.startsWith('FCA'))).toBe(true);
    expect(names.some((name) => name.startsWith('PRA'))).toBe(true);
    expect(names.some((name) => name.startsWith('Ofcom'))).toBe(true);
    expect(new Set(names).size).toBe(names.length);
    expect(new Set(LEGISLATION_CATALOGUE.map((entry) => entry.id)).size).toBe(names.length);
  });

  it('matches typed references by id, name or alias, ignoring case and punctuation', () => {
    expect(findLegislation('gdpr')?.id).toBe('uk-gdpr');
    expect(findLegislation('consumer rights act 2015')?.id).toBe('cra-2015');
    expect(findLegislation('FSMA')?.id).toBe('fsma-2000');
    expect(findLegislation('equality-2010')?.id).toBe('equality-2010');
    expect(findLegislation('Our internal complaints policy')).toBeUndefined();
    expect(findLegislation('  ')).toBeUndefined();
  });

  it('adds references once each, under the catalogue name when there is one', () => {
    let list = addLegislation([], 'dpa');
    list = addLegislation(list, 'Data Protection Act 2018');
    list = addLegislation(list, '  Branch  complaints policy ');
    list = addLegislation(list, 'branch complaints policy');
    list = addLegislation(list, '');
    expect(list).toEqual(['Data Protection Act 2018', 'Branch complaints policy']);
  });
});
