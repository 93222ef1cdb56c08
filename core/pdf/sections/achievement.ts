/**
 * The summary of achievement, as awarding bodies' claim forms set it out: for every unit, each
 * marking point's status, the assessor who judged it and when, and whether the unit is signed
 * off; then the qualification total and whether this is an interim or a final claim. A claim is
 * final only when every marking point is met on current evidence, every unit is signed off on
 * current decisions, nothing fails its signature, and the PDF is not a draft.
 */
import { startSection, type BuildContext } from '../context';
import { STATUS_NAME, formatInstant, plural } from '../format';
import { COLOURS, SIZES } from '../layout';
import { staleFoundation, type PortfolioModel, type UnitEntry } from '../model';
import { drawTable, type TableRow } from '../table';
import type { UnitSignOff } from '../../model/portfolio';

export interface ClaimSummary {
  isFinal: boolean;
  /** Why the claim is interim, in plain words (empty for a final claim). */
  reasons: string[];
  unitsSignedOff: number;
}

/** The latest sign-off of a unit that still stands: it matches its signature and rests on current decisions. */
export function standingSignOff(model: PortfolioModel, unit: UnitEntry): UnitSignOff | undefined {
  for (let index = unit.signOffs.length - 1; index >= 0; index--) {
    const signOff = unit.signOffs[index];
    if (signOff !== undefined && !model.signatureFailures.has(signOff) && staleFoundation(model, signOff.decisionIds).length === 0) return signOff;
  }
  return undefined;
}

export function claimSummary(model: PortfolioModel, isDraft: boolean): ClaimSummary {
  const summary = model.coverage.summary;
  const reasons: string[] = [];
  const open: string[] = [];
  if (summary.gaps > 0) open.push(`${plural(summary.gaps, 'marking point has', 'marking points have')} no evidence`);
  if (summary.claimed > 0) open.push(`${plural(summary.claimed, 'is', 'are')} awaiting judgement`);
  if (summary.notYet > 0) open.push(`${plural(summary.notYet, 'is', 'are')} not yet met`);
  if (summary.stale > 0) open.push(`${plural(summary.stale, 'judgement is', 'judgements are')} stale`);
  if (open.length > 0) reasons.push(`${open.join(', ')}.`);
  const unitsSignedOff = model.units.filter((unit) => standingSignOff(model, unit) !== undefined).length;
  const unsigned = model.units.length - unitsSignedOff;
  if (unsigned > 0) reasons.push(`${plural(unsigned, 'unit is', 'units are')} not signed off on current decisions.`);
  if (model.signatureFailures.size > 0) reasons.push(`${plural(model.signatureFailures.size, 'signed record does', 'signed records do')} not match ${model.signatureFailures.size === 1 ? 'its signature' : 'their signatures'}.`);
  if (isDraft) reasons.push('This copy is a draft.');
  return { isFinal: reasons.length === 0, reasons, unitsSignedOff };
}

export function drawAchievement(ctx: BuildContext): void {
  const { layout, model } = ctx;
  const { struct } = startSection(ctx, 'Summary of achievement');
  const summary = model.coverage.summary;
  const claim = claimSummary(model, ctx.isDraft);
  const percent = summary.markingPoints === 0 ? 0 : Math.floor((summary.met / summary.markingPoints) * 100);
  layout.notice(
    struct,
    claim.isFinal
      ? `FINAL CLAIM: every marking point is met and every unit is signed off. ${summary.met} of ${summary.markingPoints} marking points met; ${claim.unitsSignedOff} of ${model.units.length} units signed off.`
      : `INTERIM CLAIM: not yet a claim for the whole qualification. ${claim.reasons.join(' ')}`,
    { isStrong: true },
  );
  layout.paragraph(
    struct,
    `Qualification total: ${summary.met} of ${summary.markingPoints} marking points met (${percent}%); ${claim.unitsSignedOff} of ${model.units.length} units signed off; ${summary.claimed} awaiting judgement, ${summary.notYet} not yet met, ${summary.stale} stale, ${summary.gaps} with no evidence (GAP).`,
    { font: 'bold', size: SIZES.small },
  );

  const rows: TableRow[] = [];
  for (const unit of model.units) {
    const signOff = standingSignOff(model, unit);
    const met = unit.points.filter((point) => point.status === 'met').length;
    const sampled = unit.iqaSamples[unit.iqaSamples.length - 1];
    const unitLine = [
      `Unit ${unit.unit.id}: ${unit.unit.title}`,
      `${met} of ${unit.points.length} met`,
      signOff === undefined ? (unit.signOffs.length > 0 ? 'sign-off no longer stands (see the unit summary)' : 'not signed off') : `signed off ${formatInstant(signOff.signedAt)} by ${signOff.signer.name}`,
      sampled === undefined ? 'not sampled by IQA' : `IQA sampled ${formatInstant(sampled.sampledAt)}`,
    ].join(' · ');
    rows.push({ isGroup: true, cells: [{ parts: [{ text: unitLine, font: 'bold', size: SIZES.small }] }] });
    for (const point of unit.points) {
      const decision = model.latestByPoint.get(point.point.id);
      const isCovered = decision !== undefined && signOff !== undefined && signOff.decisionIds.includes(decision.id);
      const failure = decision === undefined ? undefined : model.signatureFailures.get(decision);
      rows.push({
        isEmphasised: point.status === 'gap',
        cells: [
          { parts: [{ text: point.point.id, font: 'bold', size: SIZES.small }] },
          point.status === 'gap' ? { badge: 'GAP', parts: [] } : { parts: [{ text: STATUS_NAME[point.status], font: point.status === 'met' ? 'regular' : 'bold', size: SIZES.small }] },
          { parts: [{ text: decision === undefined ? '—' : decision.signer.name, size: SIZES.small }, { text: failure === undefined ? '' : 'DOES NOT MATCH ITS SIGNATURE', font: 'bold', size: SIZES.small }] },
          { parts: [{ text: decision === undefined ? '—' : formatInstant(decision.decidedAt), size: SIZES.small }] },
          { parts: [{ text: isCovered && signOff !== undefined ? `Signed off ${formatInstant(signOff.signedAt)}` : 'Not signed off', size: SIZES.small, color: isCovered ? COLOURS.text : COLOURS.muted }] },
        ],
      });
    }
  }
  drawTable(layout, struct, [
    { title: 'Marking point', weight: 1.2 },
    { title: 'Status', weight: 1 },
    { title: 'Assessor', weight: 1.8 },
    { title: 'Decided', weight: 1.9 },
    { title: 'Unit sign-off', weight: 2.1 },
  ], rows, { onRow: () => ctx.progress.check() });
  struct.end();
}
