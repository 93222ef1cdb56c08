import { describe, expect, it } from 'vitest';
import { buildSearchEntries, countByType, filterEntries, foldForSearch, queryTerms, sortEntries, UNMAPPED } from '../../../core/evidence/search';
import { item } from './helpers';

const items = [
  item('reflective-account', { id: 'r1', title: 'Delayed ISA transfer', narrative: 'The customer was upset.', label: 'reactive', activityDate: '2026-01-10', updatedAt: '2026-03-01T00:00:00.000Z', tags: ['complaint'] }, {
    type: 'reflective-account', model: 'HEAT', stages: [{ stage: 'Hear', text: 'I paraphrased her concern' }, { stage: 'Empathise', text: '' }, { stage: 'Apologise', text: '' }, { stage: 'Take action', text: '' }],
  }),
  item('witness-testimony', { id: 'w1', title: 'Statement from Zoë', narrative: '', label: 'both', activityDate: '2026-02-01', updatedAt: '2026-02-01T00:00:00.000Z' }, { type: 'witness-testimony', witness: { name: 'Zoë', role: 'Lead', relationship: 'Manager' }, statement: 'Handled the café complaint calmly.' }),
  item('case-log', { id: 'c1', title: 'complaint log extract', narrative: 'Root cause found.', label: 'proactive', activityDate: '2026-02-01', updatedAt: '2026-01-01T00:00:00.000Z', tags: ['CS5', 'Trend'] }),
  item('work-product', { id: 'p1', title: 'Revised procedure', narrative: 'New checklist', activityDate: '2025-12-01', updatedAt: '2026-04-01T00:00:00.000Z' }),
];
const mappings = [
  { evidenceId: 'r1', markingPointId: 'CS2.1.2' },
  { evidenceId: 'r1', markingPointId: 'CS5.2.1' },
  { evidenceId: 'w1', markingPointId: 'CS5.2.1' },
  { evidenceId: 'c1', markingPointId: 'CS1.2.1' },
];
const unitOf = (id: string): string | undefined => id.split('.')[0];
const entries = buildSearchEntries(items, mappings, unitOf);
const ids = (list: { item: { id: string } }[]): string[] => list.map((entry) => entry.item.id);

describe('search', () => {
  it('folds case, accents and curly quotes', () => {
    expect(foldForSearch('Zoë’s  CAFÉ')).toBe("zoe's cafe");
    expect(queryTerms('  "root cause"  Found ')).toEqual(['root cause', 'found']);
  });

  it('searches titles, narratives, tags, model stages and witness statements, all words required', () => {
    expect(ids(filterEntries(entries, { query: 'isa' }))).toEqual(['r1']);
    expect(ids(filterEntries(entries, { query: 'PARAPHRASED' }))).toEqual(['r1']);
    expect(ids(filterEntries(entries, { query: 'cafe' }))).toEqual(['w1']);
    expect(ids(filterEntries(entries, { query: 'trend' }))).toEqual(['c1']);
    expect(ids(filterEntries(entries, { query: 'complaint' }))).toEqual(['r1', 'w1', 'c1']);
    expect(ids(filterEntries(entries, { query: 'complaint root' }))).toEqual(['c1']);
    expect(ids(filterEntries(entries, { query: '"cause found"' }))).toEqual(['c1']);
    expect(ids(filterEntries(entries, { query: 'nothing like this' }))).toEqual([]);
    expect(ids(filterEntries(entries, { query: '   ' }))).toEqual(['r1', 'w1', 'c1', 'p1']);
  });

  it('does not match across two fields', () => {
    // "transfer" ends the title and "the" starts the narrative: no phrase spans them.
    expect(ids(filterEntries(entries, { query: '"transfer the"' }))).toEqual([]);
  });

  it('filters by type, unit, marking point and label ("reactive" includes "both")', () => {
    expect(ids(filterEntries(entries, { type: 'case-log' }))).toEqual(['c1']);
    expect(ids(filterEntries(entries, { unitId: 'CS5' }))).toEqual(['r1', 'w1']);
    expect(ids(filterEntries(entries, { unitId: UNMAPPED }))).toEqual(['p1']);
    expect(ids(filterEntries(entries, { markingPointId: 'CS5.2.1' }))).toEqual(['r1', 'w1']);
    expect(ids(filterEntries(entries, { label: 'reactive' }))).toEqual(['r1', 'w1']);
    expect(ids(filterEntries(entries, { label: 'proactive' }))).toEqual(['w1', 'c1']);
    expect(ids(filterEntries(entries, { label: 'both' }))).toEqual(['w1']);
    expect(ids(filterEntries(entries, { label: 'unlabelled' }))).toEqual(['p1']);
    expect(ids(filterEntries(entries, { unitId: 'CS5', label: 'both', query: 'zoe' }))).toEqual(['w1']);
  });

  it('sorts by date, title, last change and type, with stable ties', () => {
    expect(ids(sortEntries(entries, 'date-newest'))).toEqual(['c1', 'w1', 'r1', 'p1']);
    expect(ids(sortEntries(entries, 'date-oldest'))).toEqual(['p1', 'r1', 'c1', 'w1']);
    expect(ids(sortEntries(entries, 'title'))).toEqual(['c1', 'r1', 'p1', 'w1']);
    expect(ids(sortEntries(entries, 'updated'))).toEqual(['p1', 'r1', 'w1', 'c1']);
    expect(ids(sortEntries(entries, 'type'))).toEqual(['r1', 'w1', 'c1', 'p1']);
    expect(ids(entries)).toEqual(['r1', 'w1', 'c1', 'p1']);
  });

  it('counts by type', () => {
    const counts = countByType(items);
    expect(counts['case-log']).toBe(1);
    expect(counts['call-recording']).toBe(0);
    expect(Object.values(counts).reduce((a, b) => a + b, 0)).toBe(4);
  });
});
