import { describe, expect, it } from 'vitest';
import { evidenceContentHash } from '../../../core/integrity/content-hash';
import { createSigningKey, type SigningKey } from '../../../core/integrity/keys';
import { signDecision } from '../../../core/integrity/signing';
import { verifyPortfolio, type FindingKind } from '../../../core/integrity/verify';
import type { ActionPlanItem, AssessorDecision, EvidenceItem, Mapping, PortfolioContent } from '../../../core/model/portfolio';
import type { QualificationSpec } from '../../../core/spec/types';
import {
  ON_TRACK_RULE,
  assessCaseload,
  badgeWords,
  formatDay,
  isCalendarDate,
  isOverdue,
  localToday,
  progressWords,
  unitCurrentDecisions,
  unitReadiness,
} from '../../../renderer/src/db/assessment-model';

const spec: QualificationSpec = {
  format: 'portfolio-qualification/1',
  id: 'test-spec',
  title: 'Test qualification',
  awardingBody: 'Test body',
  version: '1',
  units: [
    { id: 'U1', title: 'Unit one', learningOutcomes: [{ id: 'U1.LO1', title: 'Outcome', markingPoints: [{ id: 'U1.1', text: 'First' }, { id: 'U1.2', text: 'Second' }] }] },
    { id: 'U2', title: 'Unit two', learningOutcomes: [{ id: 'U2.LO1', title: 'Outcome', markingPoints: [{ id: 'U2.1', text: 'Third' }] }] },
  ],
};

function item(id: string, narrative = 'What I did.'): EvidenceItem {
  return {
    id, portfolioId: 'p1', type: 'work-product', title: id, activityDate: '2026-10-01', narrative, legislation: [], tags: [],
    details: { type: 'work-product' }, attachments: [], createdAt: '2026-10-01T00:00:00.000Z', updatedAt: '2026-10-01T00:00:00.000Z',
  };
}

function mapping(evidenceId: string, markingPointId: string): Mapping {
  return { id: `${evidenceId}-${markingPointId}`, portfolioId: 'p1', evidenceId, markingPointId, createdAt: '2026-10-01T00:00:00.000Z' };
}

let key: SigningKey | undefined;
async function decide(markingPointId: string, status: AssessorDecision['status'], evidence: EvidenceItem[], at: string, portfolioId = 'p1'): Promise<AssessorDecision> {
  key ??= await createSigningKey();
  return signDecision(
    {
      id: `${markingPointId}-${at}`, portfolioId, markingPointId, status, feedback: '',
      evidence: await Promise.all(evidence.map(async (entry) => ({ evidenceId: entry.id, contentHash: await evidenceContentHash(entry) }))),
      signer: { role: 'assessor', name: 'Priya Shah', keyFingerprint: key.fingerprint }, decidedAt: at,
    },
    key,
  );
}

async function hashes(items: EvidenceItem[]): Promise<Map<string, string>> {
  return new Map(await Promise.all(items.map(async (entry) => [entry.id, await evidenceContentHash(entry)] as const)));
}

function content(decisions: AssessorDecision[], evidence: EvidenceItem[]): PortfolioContent {
  return {
    portfolio: { id: 'p1', learner: { name: 'L' }, centre: { name: 'C' }, qualificationId: spec.id, qualificationVersion: spec.version, createdAt: '', updatedAt: '' },
    qualification: spec, evidence, mappings: [], decisions, signOffs: [], iqaSamples: [], declarations: [], actionPlan: [], comments: [], audit: [],
  };
}

describe('unitReadiness', () => {
  const unit = spec.units[0]!;

  it('is ready only when every marking point has a current, met, unchanged and verified decision', async () => {
    const a = item('a');
    const b = item('b');
    const decisions = [await decide('U1.1', 'met', [a], '2026-11-01T10:00:00.000Z'), await decide('U1.2', 'met', [b], '2026-11-01T10:01:00.000Z')];
    const current = await hashes([a, b]);
    const report = await verifyPortfolio(content(decisions, [a, b]), current);
    const ready = unitReadiness(unit, decisions, current, report);
    expect(ready).toEqual({ isReady: true, decisionIds: decisions.map((decision) => decision.id), blockers: [] });
    // Without a finished signature check it is not ready yet.
    expect(unitReadiness(unit, decisions, current, undefined).blockers.map((blocker) => blocker.reason)).toEqual(['its signature is still being checked', 'its signature is still being checked']);
  });

  it('names each marking point that blocks the sign-off and why', async () => {
    const a = item('a');
    const b = item('b');
    const decisions = [await decide('U1.1', 'met', [a], '2026-11-01T10:00:00.000Z')];
    const edited = item('a', 'Rewritten later.');
    const current = await hashes([edited, b]);
    const report = await verifyPortfolio(content(decisions, [edited, b]), current);
    expect(unitReadiness(unit, decisions, current, report).blockers).toEqual([
      { markingPointId: 'U1.1', reason: 'the evidence has changed since it was judged' },
      { markingPointId: 'U1.2', reason: 'not judged yet' },
    ]);
    const notYet = [...decisions, await decide('U1.1', 'not-yet', [edited], '2026-11-02T10:00:00.000Z')];
    expect(unitReadiness(unit, notYet, current, report).blockers[0]).toEqual({ markingPointId: 'U1.1', reason: 'judged not yet met' });
  });

  it('refuses a decision whose signature does not verify', async () => {
    const a = item('a');
    const b = item('b');
    const genuine = [await decide('U1.1', 'met', [a], '2026-11-01T10:00:00.000Z'), await decide('U1.2', 'met', [b], '2026-11-01T10:01:00.000Z')];
    const forged = [{ ...genuine[0]!, feedback: 'Changed by someone else.' }, genuine[1]!];
    const current = await hashes([a, b]);
    const report = await verifyPortfolio(content(forged, [a, b]), current);
    const readiness = unitReadiness(unit, forged, current, report);
    expect(readiness.isReady).toBe(false);
    expect(readiness.blockers).toEqual([{ markingPointId: 'U1.1', reason: 'forged: does not match its signature' }]);
  });

  it('samples only the current decision of each marking point of the unit', async () => {
    const a = item('a');
    const older = await decide('U1.1', 'not-yet', [a], '2026-11-01T10:00:00.000Z');
    const newer = await decide('U1.1', 'met', [a], '2026-11-02T10:00:00.000Z');
    const elsewhere = await decide('U2.1', 'met', [a], '2026-11-02T10:00:00.000Z');
    expect(unitCurrentDecisions(unit, [newer, older, elsewhere]).map((decision) => decision.id)).toEqual([newer.id]);
  });
});

describe('caseload: on track or off track', () => {
  const open = (targetDate?: string): ActionPlanItem => ({ id: `a-${targetDate ?? 'none'}`, portfolioId: 'p1', action: 'Do it', ...(targetDate ? { targetDate } : {}), status: 'open', createdBy: 'A', createdAt: '' });

  it('is off track when an open action is past its target date, and says so', async () => {
    const a = item('a');
    const result = assessCaseload(spec, [mapping('a', 'U1.1')], [], await hashes([a]), [open('2026-11-01'), open('2026-12-01')], [], '2026-11-22');
    expect(result.isOnTrack).toBe(false);
    expect(result.reasons).toEqual(['1 action is past the target date']);
    expect(result.overdueActions).toBe(1);
    expect(result.needsMarking).toBe(1);
    expect(result.units.map((unit) => [unit.id, unit.totals.claimed, unit.totals.gaps])).toEqual([['U1', 1, 1], ['U2', 0, 1]]);
  });

  it('is off track when something is not yet met and no action is planned; on track once one is', async () => {
    const a = item('a');
    const decisions = [await decide('U1.1', 'not-yet', [a], '2026-11-01T10:00:00.000Z')];
    const current = await hashes([a]);
    const none = assessCaseload(spec, [mapping('a', 'U1.1')], decisions, current, [], [], '2026-11-22');
    expect(none.reasons).toEqual(['1 marking point is not yet met with no action planned']);
    const planned = assessCaseload(spec, [mapping('a', 'U1.1')], decisions, current, [open('2026-12-01')], [{ id: 'd', portfolioId: 'p1', kind: 'learner-authenticity', name: 'L', text: 't', signedAt: '' }], '2026-11-22');
    expect(planned.isOnTrack).toBe(true);
    expect(planned.hasLearnerDeclaration).toBe(true);
    expect(ON_TRACK_RULE).toMatch(/target date/);
  });
});

describe('words and dates', () => {
  it('checks calendar dates and overdue actions', () => {
    expect(isCalendarDate('2026-02-28')).toBe(true);
    expect(isCalendarDate('2026-02-29')).toBe(false);
    expect(isCalendarDate('2028-02-29')).toBe(true);
    expect(isCalendarDate('2026-2-1')).toBe(false);
    expect(isOverdue({ status: 'open', targetDate: '2026-11-21' }, '2026-11-22')).toBe(true);
    expect(isOverdue({ status: 'open', targetDate: '2026-11-22' }, '2026-11-22')).toBe(false);
    expect(isOverdue({ status: 'done', targetDate: '2026-01-01' }, '2026-11-22')).toBe(false);
    expect(isOverdue({ status: 'open' }, '2026-11-22')).toBe(false);
    expect(localToday(new Date(2026, 0, 5, 23, 59))).toBe('2026-01-05');
    expect(formatDay('2026-03-03')).toBe('3 March 2026');
    expect(formatDay('2026-03-03T10:00:00.000Z')).toBe('3 March 2026');
    expect(formatDay('not a date')).toBe('not a date');
  });

  it('puts verification results and progress in words', () => {
    const verdict = (kind: FindingKind, isConfirmed = false) => ({ kind, isConfirmed });
    // Without the centre's register, a sound record's signer is never shown as confirmed.
    expect(badgeWords(verdict('ok'), false)).toEqual({ label: 'Signature valid, signer not confirmed (no centre key register)', tone: 'warning' });
    expect(badgeWords(verdict('ok', true), true)).toEqual({ label: 'Signature valid, signer confirmed by the centre’s register', tone: 'ok' });
    expect(badgeWords(verdict('ok'), false, 'learner')).toEqual({ label: 'Signature valid, signed with the learner’s key', tone: 'ok' });
    expect(badgeWords(verdict('older-form'), false).label).toMatch(/older form, does not name the learner/);
    expect(badgeWords(verdict('stale'), false).tone).toBe('warning');
    expect(badgeWords(verdict('forged'), false).label).toMatch(/^FORGED/);
    expect(badgeWords(verdict('untrusted'), false).label).toMatch(/^NOT TRUSTED/);
    expect(badgeWords(verdict('chain'), false).label).toMatch(/missing or was replaced/);
    expect(badgeWords(verdict('unknown-key'), true).label).toMatch(/register does not vouch for this key/);
    expect(badgeWords(undefined, false).label).toMatch(/Checking/);
    expect(progressWords({ markingPoints: 5, met: 2, claimed: 1, notYet: 1, stale: 0, gaps: 1 })).toBe('2 of 5 met, 1 awaiting judgement, 1 not yet met, 1 with no evidence');
  });
});
