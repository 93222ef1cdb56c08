import { describe, expect, it } from 'vitest';
import {
  computeCoverage,
  contentHashesOf,
  coverageTotals,
  evidenceTypeSpread,
  latestDecisions,
} from '../../../core/coverage/coverage';
import type { CoverageMatrix, CoverageStatus } from '../../../core/coverage/types';
import { evidenceContentHash } from '../../../core/integrity/content-hash';
import type { AssessorDecision, EvidenceItem } from '../../../core/model/portfolio';
import { builtinSpec } from '../../../core/spec/builtin';
import { makeDecision, makeItem, makeMapping, makeSpec } from './fixtures';

const spec = makeSpec([
  { id: 'U1', outcomes: [{ id: 'U1.LO1', points: ['U1.1.1', 'U1.1.2'] }, { id: 'U1.LO2', points: ['U1.2.1'] }] },
  { id: 'U2', outcomes: [{ id: 'U2.LO1', points: ['U2.1.1'] }] },
]);

function statusOf(matrix: CoverageMatrix, pointId: string): { status: CoverageStatus; evidence: string[] } {
  for (const unit of matrix.units) {
    for (const outcome of unit.learningOutcomes) {
      const point = outcome.markingPoints.find((candidate) => candidate.id === pointId);
      if (point) return { status: point.status, evidence: point.evidence };
    }
  }
  throw new Error(`No marking point ${pointId} in the matrix.`);
}

async function judged(item: EvidenceItem): Promise<{ evidenceId: string; contentHash: string }> {
  return { evidenceId: item.id, contentHash: await evidenceContentHash(item) };
}

describe('computeCoverage', () => {
  it('gives each status its meaning and keeps the spec order', async () => {
    const items = [makeItem('a', 'case-log'), makeItem('b', 'observation'), makeItem('c', 'reflective-account')];
    const hashes = await contentHashesOf(items);
    const mappings = [makeMapping('a', 'U1.1.1'), makeMapping('b', 'U1.1.2'), makeMapping('c', 'U1.2.1')];
    const decisions = [
      makeDecision('d1', 'U1.1.2', 'met', [await judged(items[1] as EvidenceItem)]),
      makeDecision('d2', 'U1.2.1', 'not-yet', [await judged(items[2] as EvidenceItem)]),
    ];
    const matrix = computeCoverage(spec, mappings, decisions, hashes);
    expect(matrix.units.map((unit) => unit.id)).toEqual(['U1', 'U2']);
    expect(matrix.units[0]?.learningOutcomes.map((outcome) => outcome.id)).toEqual(['U1.LO1', 'U1.LO2']);
    expect(statusOf(matrix, 'U1.1.1')).toEqual({ status: 'claimed', evidence: ['a'] });
    expect(statusOf(matrix, 'U1.1.2')).toEqual({ status: 'met', evidence: ['b'] });
    expect(statusOf(matrix, 'U1.2.1')).toEqual({ status: 'not-yet', evidence: ['c'] });
    expect(statusOf(matrix, 'U2.1.1')).toEqual({ status: 'gap', evidence: [] });
    expect(matrix.summary).toEqual({ markingPoints: 4, gaps: 1, claimed: 1, met: 1, notYet: 1, stale: 0 });
  });

  it('produces exactly the contract keys', () => {
    const matrix = computeCoverage(spec, [makeMapping('a', 'U1.1.1')], [], new Map([['a', 'sha256:x']]));
    expect(Object.keys(matrix).sort()).toEqual(['summary', 'units']);
    expect(Object.keys(matrix.summary).sort()).toEqual(['claimed', 'gaps', 'markingPoints', 'met', 'notYet', 'stale']);
    const unit = matrix.units[0];
    expect(Object.keys(unit ?? {}).sort()).toEqual(['id', 'learningOutcomes']);
    expect(Object.keys(unit?.learningOutcomes[0] ?? {}).sort()).toEqual(['id', 'markingPoints']);
    expect(Object.keys(unit?.learningOutcomes[0]?.markingPoints[0] ?? {}).sort()).toEqual(['evidence', 'id', 'status']);
  });

  it('lists evidence ids once each, in the same order whatever order the mappings come in', () => {
    const mappings = [
      makeMapping('zeta', 'U1.1.1'),
      makeMapping('alpha', 'U1.1.1'),
      makeMapping('mid', 'U1.1.1'),
      makeMapping('alpha', 'U1.1.1', { locator: { kind: 'page', page: 3 } }),
      makeMapping('zeta', 'U1.1.1'),
    ];
    const hashes = new Map([
      ['zeta', 'h1'],
      ['alpha', 'h2'],
      ['mid', 'h3'],
    ]);
    const forwards = computeCoverage(spec, mappings, [], hashes);
    const backwards = computeCoverage(spec, [...mappings].reverse(), [], hashes);
    expect(statusOf(forwards, 'U1.1.1').evidence).toEqual(['alpha', 'mid', 'zeta']);
    expect(backwards).toEqual(forwards);
  });

  it('ignores mappings and decisions for marking points that are not in the spec', () => {
    const matrix = computeCoverage(
      spec,
      [makeMapping('a', 'NOPE.1'), makeMapping('a', 'U2.1.1')],
      [makeDecision('d', 'NOPE.1', 'met', [])],
      new Map([['a', 'h']]),
    );
    expect(matrix.summary.markingPoints).toBe(4);
    expect(JSON.stringify(matrix)).not.toContain('NOPE');
    expect(statusOf(matrix, 'U2.1.1').status).toBe('claimed');
  });

  it('is a gap when nothing is mapped, even if a decision was once made', async () => {
    const item = makeItem('a', 'case-log');
    const matrix = computeCoverage(spec, [], [makeDecision('d', 'U1.1.1', 'met', [await judged(item)])], await contentHashesOf([item]));
    expect(statusOf(matrix, 'U1.1.1')).toEqual({ status: 'gap', evidence: [] });
  });

  it('still lists a mapped item that no longer exists (the checks report the broken reference)', () => {
    const matrix = computeCoverage(spec, [makeMapping('ghost', 'U1.1.1')], [], new Map());
    expect(statusOf(matrix, 'U1.1.1')).toEqual({ status: 'claimed', evidence: ['ghost'] });
  });

  it('counts a repeated marking point id in a damaged spec once per row, without shared arrays', () => {
    const damaged = makeSpec([{ id: 'U1', outcomes: [{ id: 'U1.LO1', points: ['P', 'P'] }] }]);
    const matrix = computeCoverage(damaged, [makeMapping('a', 'P')], [], new Map([['a', 'h']]));
    const [first, second] = matrix.units[0]?.learningOutcomes[0]?.markingPoints ?? [];
    expect(first?.evidence).toEqual(['a']);
    expect(second?.evidence).toEqual(['a']);
    expect(first?.evidence).not.toBe(second?.evidence);
    expect(matrix.summary.claimed).toBe(2);
  });
});

describe('stale decisions', () => {
  it('goes stale when judged evidence is edited', async () => {
    const item = makeItem('a', 'case-log');
    const decision = makeDecision('d', 'U1.1.1', 'met', [await judged(item)]);
    const mappings = [makeMapping('a', 'U1.1.1')];
    expect(statusOf(computeCoverage(spec, mappings, [decision], await contentHashesOf([item])), 'U1.1.1').status).toBe('met');
    const edited = { ...item, narrative: `${item.narrative} Edited afterwards.` };
    expect(statusOf(computeCoverage(spec, mappings, [decision], await contentHashesOf([edited])), 'U1.1.1').status).toBe('stale');
  });

  it('goes stale when judged evidence is deleted, while other evidence is still mapped', async () => {
    const kept = makeItem('kept', 'observation');
    const removed = makeItem('removed', 'case-log');
    const decision = makeDecision('d', 'U1.1.1', 'met', [await judged(kept), await judged(removed)]);
    const matrix = computeCoverage(spec, [makeMapping('kept', 'U1.1.1')], [decision], await contentHashesOf([kept]));
    expect(statusOf(matrix, 'U1.1.1')).toEqual({ status: 'stale', evidence: ['kept'] });
    expect(matrix.summary.stale).toBe(1);
  });

  it('stays judged when only timestamps change or new evidence is added', async () => {
    const item = makeItem('a', 'case-log');
    const decision = makeDecision('d', 'U1.1.1', 'not-yet', [await judged(item)]);
    const resaved = { ...item, updatedAt: '2027-01-01T00:00:00.000Z' };
    const added = makeItem('b', 'observation');
    const matrix = computeCoverage(
      spec,
      [makeMapping('a', 'U1.1.1'), makeMapping('b', 'U1.1.1')],
      [decision],
      await contentHashesOf([resaved, added]),
    );
    expect(statusOf(matrix, 'U1.1.1')).toEqual({ status: 'not-yet', evidence: ['a', 'b'] });
  });
});

describe('latest decision wins', () => {
  it('uses the latest decidedAt, comparing instants rather than strings', async () => {
    const item = makeItem('a', 'case-log');
    const evidence = [await judged(item)];
    const hashes = await contentHashesOf([item]);
    const mappings = [makeMapping('a', 'U1.1.1')];
    // "10:00:00Z" is later than "09:30:00.000Z" although it sorts earlier as a string.
    const earlier = makeDecision('z-earlier', 'U1.1.1', 'met', evidence, '2026-03-01T09:30:00.000Z');
    const later = makeDecision('a-later', 'U1.1.1', 'not-yet', evidence, '2026-03-01T10:00:00Z');
    expect(statusOf(computeCoverage(spec, mappings, [earlier, later], hashes), 'U1.1.1').status).toBe('not-yet');
    expect(statusOf(computeCoverage(spec, mappings, [later, earlier], hashes), 'U1.1.1').status).toBe('not-yet');
  });

  it('breaks a tie on time by the greater id, whatever the order', () => {
    const first = makeDecision('d-1', 'U1.1.1', 'not-yet', [], '2026-03-01T09:00:00.000Z');
    const second = makeDecision('d-2', 'U1.1.1', 'met', [], '2026-03-01T09:00:00Z');
    expect(latestDecisions([first, second]).get('U1.1.1')?.id).toBe('d-2');
    expect(latestDecisions([second, first]).get('U1.1.1')?.id).toBe('d-2');
  });

  it('lets a stale latest decision count even when an older one still matches', async () => {
    const item = makeItem('a', 'case-log');
    const edited = { ...item, title: 'Changed title' };
    const older = makeDecision('d1', 'U1.1.1', 'met', [await judged(edited)], '2026-01-01T00:00:00.000Z');
    const newer = makeDecision('d2', 'U1.1.1', 'met', [await judged(item)], '2026-02-01T00:00:00.000Z');
    const matrix = computeCoverage(spec, [makeMapping('a', 'U1.1.1')], [older, newer], await contentHashesOf([edited]));
    expect(statusOf(matrix, 'U1.1.1').status).toBe('stale');
  });

  it('passes over records with an unreadable time or an unknown status', () => {
    const good = makeDecision('a', 'U1.1.1', 'met', [], '2026-01-01T00:00:00.000Z');
    const unreadable = makeDecision('z', 'U1.1.1', 'not-yet', [], 'yesterday-ish');
    const unknownStatus: AssessorDecision = { ...makeDecision('zz', 'U1.1.1', 'met', [], '2027-01-01T00:00:00.000Z'), status: 'maybe' as 'met' };
    const notARecord = null as unknown as AssessorDecision;
    expect(latestDecisions([unreadable, notARecord, good, unknownStatus]).get('U1.1.1')?.id).toBe('a');
  });
});

describe('contentHashesOf', () => {
  it('maps every item to its evidenceContentHash', async () => {
    const items = [makeItem('a', 'case-log'), makeItem('b', 'witness-testimony')];
    const hashes = await contentHashesOf(items);
    expect([...hashes.keys()]).toEqual(['a', 'b']);
    for (const item of items) {
      expect(hashes.get(item.id)).toBe(await evidenceContentHash(item));
      expect(hashes.get(item.id)).toMatch(/^sha256:[0-9a-f]{64}$/);
    }
  });

  it('names the item that cannot be hashed', async () => {
    let deep: unknown = 'bottom';
    for (let level = 0; level < 100; level++) deep = { deeper: deep };
    const item = { ...makeItem('too-deep', 'case-log'), details: deep } as unknown as EvidenceItem;
    await expect(contentHashesOf([item])).rejects.toThrow(/too-deep/);
  });
});

describe('coverageTotals', () => {
  it('adds up per learning outcome, per unit and overall', async () => {
    const item = makeItem('a', 'case-log');
    const matrix = computeCoverage(
      spec,
      [makeMapping('a', 'U1.1.1'), makeMapping('a', 'U1.2.1')],
      [makeDecision('d', 'U1.2.1', 'met', [await judged(item)])],
      await contentHashesOf([item]),
    );
    const totals = coverageTotals(matrix);
    expect(totals.overall).toEqual(matrix.summary);
    const [u1, u2] = totals.units;
    expect(u1?.id).toBe('U1');
    expect(u1?.totals).toEqual({ markingPoints: 3, gaps: 1, claimed: 1, met: 1, notYet: 0, stale: 0 });
    expect(u1?.learningOutcomes).toEqual([
      { id: 'U1.LO1', totals: { markingPoints: 2, gaps: 1, claimed: 1, met: 0, notYet: 0, stale: 0 } },
      { id: 'U1.LO2', totals: { markingPoints: 1, gaps: 0, claimed: 0, met: 1, notYet: 0, stale: 0 } },
    ]);
    expect(u2?.totals).toEqual({ markingPoints: 1, gaps: 1, claimed: 0, met: 0, notYet: 0, stale: 0 });
  });
});

describe('evidenceTypeSpread', () => {
  it('counts distinct existing items of each type per unit', () => {
    const items = [makeItem('r1', 'reflective-account'), makeItem('r2', 'reflective-account'), makeItem('c1', 'case-log')];
    const mappings = [
      makeMapping('r1', 'U1.1.1'),
      makeMapping('r1', 'U1.1.2'),
      makeMapping('r2', 'U1.2.1'),
      makeMapping('c1', 'U2.1.1'),
      makeMapping('ghost', 'U2.1.1'),
      makeMapping('c1', 'NOT-IN-SPEC'),
    ];
    const spread = evidenceTypeSpread(spec, mappings, items);
    expect(spread.map((unit) => unit.unitId)).toEqual(['U1', 'U2']);
    expect(spread[0]?.counts['reflective-account']).toBe(2);
    expect(spread[0]?.counts['case-log']).toBe(0);
    expect(spread[0]?.typesPresent).toEqual(['reflective-account']);
    expect(spread[0]?.items).toBe(2);
    expect(spread[1]?.typesPresent).toEqual(['case-log']);
    expect(spread[1]?.items).toBe(1);
    expect(Object.values(spread[1]?.counts ?? {}).reduce((sum, count) => sum + count, 0)).toBe(1);
  });
});

describe('the built-in specification', () => {
  it('is all gaps for an empty portfolio, one row per marking point', () => {
    const builtin = builtinSpec();
    const pointIds = builtin.units.flatMap((unit) => unit.learningOutcomes.flatMap((outcome) => outcome.markingPoints.map((point) => point.id)));
    const matrix = computeCoverage(builtin, [], [], new Map());
    expect(matrix.summary.markingPoints).toBe(pointIds.length);
    expect(matrix.summary.gaps).toBe(pointIds.length);
    expect(matrix.units.flatMap((unit) => unit.learningOutcomes.flatMap((outcome) => outcome.markingPoints.map((point) => point.id)))).toEqual(pointIds);
  });
});
