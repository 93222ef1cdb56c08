/**
 * The rules of marking that the screens and the repository share, as pure functions (no
 * database, no DOM): when a unit can be signed off, what "on track" means in a caseload, how a
 * verification result is put into words. Unit-tested in test/unit/assessor/.
 */
import { formatCalendarDate, parseCalendarDate } from '../../../core/uk-format';
import { computeCoverage, coverageTotals, isDecisionStale, latestDecisions } from '../../../core/coverage/coverage';
import type { CoverageStatus, CoverageSummary } from '../../../core/coverage/types';
import { recordStatus, type FindingKind, type VerificationReport } from '../../../core/integrity/verify';
import type { ActionPlanItem, AssessorDecision, Declaration, Mapping } from '../../../core/model/portfolio';
import type { QualificationSpec, Unit } from '../../../core/spec/types';

export const MAX_FEEDBACK = 5_000;
export const MAX_COMMENT = 5_000;
export const MAX_ACTION = 2_000;
export const MAX_IQA_COMMENTS = 5_000;

export { ASSESSOR_DECLARATION_TEXT, LEARNER_DECLARATION_TEXT, unitSignOffDeclaration } from '../../../core/model/declarations';

export function findUnit(spec: QualificationSpec, unitId: string): Unit | undefined {
  return spec.units.find((unit) => unit.id === unitId);
}

export function unitMarkingPointIds(unit: Unit): string[] {
  return unit.learningOutcomes.flatMap((outcome) => outcome.markingPoints.map((point) => point.id));
}

// ---------------------------------------------------------------------------------------
// Verification in words.

export interface BadgeWords {
  /** Short text for the badge. */
  label: string;
  /** CSS modifier: ok, warning or bad. */
  tone: 'ok' | 'warning' | 'bad';
}

/** How a record's verification status is shown. `hasRegister` says whether signers were checked against the centre's list. */
export function badgeWords(kind: FindingKind | undefined, hasRegister: boolean): BadgeWords {
  switch (kind) {
    case 'ok':
      return { label: hasRegister ? 'Signature valid, key registered' : 'Signature valid', tone: 'ok' };
    case 'stale':
      return { label: 'Stale: evidence changed since this was judged', tone: 'warning' };
    case 'unknown-key':
      return { label: 'Unknown key: not in the centre’s register', tone: 'bad' };
    case 'forged':
      return { label: 'FORGED: does not match its signature', tone: 'bad' };
    case 'corrupt':
      return { label: 'Damaged signature: cannot be checked', tone: 'bad' };
    default:
      return { label: 'Checking the signature…', tone: 'warning' };
  }
}

export const STATUS_WORDS: Readonly<Record<CoverageStatus, string>> = {
  gap: 'No evidence yet',
  claimed: 'Awaiting judgement',
  met: 'Met',
  'not-yet': 'Not yet met',
  stale: 'Evidence changed since judged',
};

// ---------------------------------------------------------------------------------------
// Unit sign-off.

export interface SignOffBlocker {
  markingPointId: string;
  reason: string;
}

export interface UnitReadiness {
  isReady: boolean;
  /** The decisions a sign-off would rest on: the current decision of each marking point. */
  decisionIds: string[];
  blockers: SignOffBlocker[];
}

/**
 * A unit can be signed off only when every one of its marking points has a current decision
 * that is met, judged on evidence unchanged since, and whose signature verifies (with the key in
 * the centre's register, when one is loaded).
 */
export function unitReadiness(
  unit: Unit,
  decisions: readonly AssessorDecision[],
  contentHashes: ReadonlyMap<string, string>,
  report: VerificationReport | undefined,
): UnitReadiness {
  const latest = latestDecisions(decisions);
  const blockers: SignOffBlocker[] = [];
  const decisionIds: string[] = [];
  for (const markingPointId of unitMarkingPointIds(unit)) {
    const decision = latest.get(markingPointId);
    if (!decision) {
      blockers.push({ markingPointId, reason: 'not judged yet' });
      continue;
    }
    decisionIds.push(decision.id);
    if (decision.status !== 'met') {
      blockers.push({ markingPointId, reason: 'judged not yet met' });
    } else if (isDecisionStale(decision, contentHashes)) {
      blockers.push({ markingPointId, reason: 'the evidence has changed since it was judged' });
    } else if (!report) {
      blockers.push({ markingPointId, reason: 'its signature is still being checked' });
    } else {
      const kind = recordStatus(report, 'decision', decision.id);
      // A sound record of the older form (version 1) still counts: it is genuine, only less bound.
      if (kind !== 'ok' && kind !== 'older-form') blockers.push({ markingPointId, reason: kind === undefined ? 'its signature has not been checked' : badgeWords(kind, report.hasRegister).label.toLowerCase() });
    }
  }
  return { isReady: blockers.length === 0 && decisionIds.length > 0, decisionIds, blockers };
}

/** The current decisions of a unit's marking points: what an IQA samples. */
export function unitCurrentDecisions(unit: Unit, decisions: readonly AssessorDecision[]): AssessorDecision[] {
  const latest = latestDecisions(decisions);
  return unitMarkingPointIds(unit).flatMap((id) => {
    const decision = latest.get(id);
    return decision ? [decision] : [];
  });
}

// ---------------------------------------------------------------------------------------
// Dates.

/** Whether the text is a real calendar date `YYYY-MM-DD` (no 31 April). */
export function isCalendarDate(text: string): boolean {
  return parseCalendarDate(text) !== undefined;
}

/** Today as `YYYY-MM-DD` in the computer's own time zone (target dates are local days). */
export function localToday(now = new Date()): string {
  return `${now.getFullYear()}-${String(now.getMonth() + 1).padStart(2, '0')}-${String(now.getDate()).padStart(2, '0')}`;
}

/** An open action whose target date is before today. */
export function isOverdue(item: Pick<ActionPlanItem, 'status' | 'targetDate'>, today: string): boolean {
  return item.status === 'open' && typeof item.targetDate === 'string' && isCalendarDate(item.targetDate) && item.targetDate < today;
}

/** "3 March 2026" from `2026-03-03` or an instant; the text itself when it is neither. */
export function formatDay(value: string): string {
  const day = value.slice(0, 10);
  return isCalendarDate(day) ? formatCalendarDate(day, 'long') : value;
}

// ---------------------------------------------------------------------------------------
// Caseload.

export interface UnitProgress {
  id: string;
  title: string;
  totals: CoverageSummary;
}

export interface CaseloadAssessment {
  units: UnitProgress[];
  overall: CoverageSummary;
  /** Open actions past their target date. */
  overdueActions: number;
  openActions: number;
  /** Marking points with evidence awaiting a judgement, or judged on evidence that has changed. */
  needsMarking: number;
  isOnTrack: boolean;
  /** Plain reasons when off track. */
  reasons: string[];
  hasLearnerDeclaration: boolean;
}

export const ON_TRACK_RULE = 'A learner is off track when an action in their action plan is still open after its target date, or when a marking point has been judged not yet met and no open action is planned to put it right.';

/**
 * Where a learner stands, from their portfolio. The rule for "on track" is written out in
 * ON_TRACK_RULE and shown on screen, so nobody has to guess what the label means.
 */
export function assessCaseload(
  spec: QualificationSpec,
  mappings: readonly Mapping[],
  decisions: readonly AssessorDecision[],
  contentHashes: ReadonlyMap<string, string>,
  actionPlan: readonly ActionPlanItem[],
  declarations: readonly Declaration[],
  today: string,
): CaseloadAssessment {
  const matrix = computeCoverage(spec, mappings, decisions, contentHashes);
  const totals = coverageTotals(matrix);
  const titles = new Map(spec.units.map((unit) => [unit.id, unit.title]));
  const units = totals.units.map((unit) => ({ id: unit.id, title: titles.get(unit.id) ?? unit.id, totals: unit.totals }));
  const open = actionPlan.filter((item) => item.status === 'open');
  const overdueActions = open.filter((item) => isOverdue(item, today)).length;
  const reasons: string[] = [];
  if (overdueActions > 0) reasons.push(`${overdueActions} ${overdueActions === 1 ? 'action is' : 'actions are'} past the target date`);
  const notYet = totals.overall.notYet;
  if (notYet > 0 && open.length === 0) reasons.push(`${notYet} marking ${notYet === 1 ? 'point is' : 'points are'} not yet met with no action planned`);
  return {
    units,
    overall: totals.overall,
    overdueActions,
    openActions: open.length,
    needsMarking: totals.overall.claimed + totals.overall.stale,
    isOnTrack: reasons.length === 0,
    reasons,
    hasLearnerDeclaration: declarations.some((declaration) => declaration.kind === 'learner-authenticity'),
  };
}

/** "3 of 5 met" and the rest, in words, for a progress bar's text. */
export function progressWords(totals: CoverageSummary): string {
  const parts = [`${totals.met} of ${totals.markingPoints} met`];
  if (totals.claimed > 0) parts.push(`${totals.claimed} awaiting judgement`);
  if (totals.notYet > 0) parts.push(`${totals.notYet} not yet met`);
  if (totals.stale > 0) parts.push(`${totals.stale} to look at again (evidence changed)`);
  if (totals.gaps > 0) parts.push(`${totals.gaps} with no evidence`);
  return parts.join(', ');
}
