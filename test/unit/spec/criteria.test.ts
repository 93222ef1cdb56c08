/** Splitting a unit's text pasted from a PDF into outcomes and numbered criteria for review. */
import { describe, expect, it } from 'vitest';
import { splitCriteria } from '../../../core/spec/criteria';

describe('splitCriteria', () => {
  it('reads outcome headings and n.n criteria, joining lines the PDF wrapped', () => {
    const text = [
      'Unit 4: Handle customer complaints',
      'Learning outcomes  Assessment criteria',
      'The learner will:  The learner can:',
      '1 Understand how to',
      'handle complaints',
      '1.1 Describe the organisation’s complaints procedure',
      '1.2 Explain why complaints must be recorded, and who',
      'sees the record',
      '',
      'Page 3 of 12',
      '2. Be able to resolve complaints',
      'AC 2.1 Use a recognised model (such as HEAT) to calm a dis-',
      'satisfied customer',
      'AC2.2: Agree a solution within 24 hours',
      '24 hours is the service standard',
      '2.3a) Record the outcome',
    ].join('\r\n');
    expect(splitCriteria(text)).toEqual({
      outcomes: [
        { number: '1', title: 'Understand how to handle complaints', criteria: [
          { number: '1.1', text: 'Describe the organisation’s complaints procedure' },
          { number: '1.2', text: 'Explain why complaints must be recorded, and who sees the record' },
        ] },
        { number: '2', title: 'Be able to resolve complaints', criteria: [
          { number: '2.1', text: 'Use a recognised model (such as HEAT) to calm a dis-satisfied customer' },
          { number: '2.2', text: 'Agree a solution within 24 hours 24 hours is the service standard' },
          { number: '2.3a', text: 'Record the outcome' },
        ] },
      ],
      ignored: ['Unit 4: Handle customer complaints', 'Learning outcomes Assessment criteria', 'The learner will: The learner can:', 'Page 3 of 12'],
    });
  });

  it('reads numbers and wording on separate lines, as tables copy out of PDFs', () => {
    const result = splitCriteria('LO1\nKnow the law\n1.1\nName two laws\n1.2\nSay what each covers\n7');
    expect(result.outcomes).toEqual([{ number: '1', title: 'Know the law', criteria: [{ number: '1.1', text: 'Name two laws' }, { number: '1.2', text: 'Say what each covers' }] }]);
    expect(result.ignored).toEqual(['7']);
  });

  it('reads grading criteria P1, M1, D1 under an outcome with no number', () => {
    expect(splitCriteria('P1 Describe the types of customer\nM1 Compare the needs of two types\nD1 Evaluate\nhow well needs are met').outcomes).toEqual([
      { number: '', criteria: [{ number: 'P1', text: 'Describe the types of customer' }, { number: 'M1', text: 'Compare the needs of two types' }, { number: 'D1', text: 'Evaluate how well needs are met' }] },
    ]);
  });

  it('finds nothing in text without numbered criteria, and returns it all as ignored', () => {
    expect(splitCriteria('Just a paragraph\nof prose.')).toEqual({ outcomes: [], ignored: ['Just a paragraph', 'of prose.'] });
    expect(splitCriteria('')).toEqual({ outcomes: [], ignored: [] });
  });
});
