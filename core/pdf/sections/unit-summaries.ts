/**
 * One summary per unit: its marking points with their status and evidence, then every assessor
 * decision (status, feedback, assessor, date, key fingerprint), the unit sign-off, internal
 * quality assurance samples and the unit's action plan.
 */
import { evidenceKey, mark, startSection, type BuildContext } from '../context';
import { STATUS_NAME, decisionStatusName, formatDate, formatInstant, iqaOutcomeName, plural } from '../format';
import { COLOURS, SIZES, type Field, type Struct } from '../layout';
import { evidenceLabel, pointShortText, staleFoundation, type PortfolioModel, type UnitEntry } from '../model';
import { drawTable, type TableRow } from '../table';
import type { ActionPlanItem, AssessorDecision, Signature, Signer } from '../../model/portfolio';

export async function drawUnitSummaries(ctx: BuildContext): Promise<void> {
  const { layout, model } = ctx;
  const { struct, outline } = startSection(ctx, 'Unit summaries');
  layout.paragraph(struct, `${plural(model.units.length, 'unit', 'units')}. Each unit starts on a new page with its marking points, the assessor’s decisions, sign-off and quality assurance.`, { size: SIZES.small });
  for (const unit of model.units) {
    layout.newSectionPage('portrait', `Unit ${layout.clean(unit.unit.id)}: ${layout.clean(unit.unit.title).replace(/\s*\n\s*/g, ' ')} (continued)`);
    mark(ctx, outline, `Unit ${unit.unit.id}: ${unit.unit.title}`, 1);
    drawUnit(ctx, struct, unit);
    await ctx.progress.step();
  }
  if (model.strayDecisions.length > 0) {
    layout.newSectionPage('portrait', 'Decisions for marking points outside the specification (continued)');
    mark(ctx, outline, 'Decisions for marking points outside the specification', 1);
    const section = layout.group(struct, 'Sect');
    layout.heading(section, 2, 'Decisions for marking points outside the specification');
    layout.paragraph(section, 'These decisions name marking points that the qualification specification does not contain.', { size: SIZES.small });
    for (const decision of model.strayDecisions) drawDecision(ctx, section, decision);
    section.end();
  }
  const general = generalActions(model);
  if (general.length > 0) {
    layout.newSectionPage('portrait', 'Action plan for the whole portfolio (continued)');
    mark(ctx, outline, 'Action plan for the whole portfolio', 1);
    const section = layout.group(struct, 'Sect');
    layout.heading(section, 2, 'Action plan for the whole portfolio');
    drawActionPlan(ctx, section, general);
    section.end();
  }
  struct.end();
}

/** Action plan items that belong to no unit of the specification. */
export function generalActions(model: PortfolioModel): ActionPlanItem[] {
  const units = new Set(model.units.map((unit) => unit.unit.id));
  return model.manifest.actionPlan.filter((item) => item.unitId === undefined || !units.has(item.unitId));
}

function drawUnit(ctx: BuildContext, parent: Struct, unit: UnitEntry): void {
  const { layout, model } = ctx;
  const section = layout.group(parent, 'Sect');
  layout.heading(section, 2, `Unit ${unit.unit.id}: ${unit.unit.title}`);
  if (unit.unit.synopsis) layout.paragraph(section, unit.unit.synopsis, { size: SIZES.small, color: COLOURS.muted });
  const counts = { gap: 0, claimed: 0, met: 0, 'not-yet': 0, stale: 0 };
  for (const point of unit.points) counts[point.status]++;
  layout.paragraph(
    section,
    `${plural(unit.points.length, 'marking point', 'marking points')}: ${counts.met} met, ${counts.claimed} awaiting judgement, ${counts['not-yet']} not yet met, ${counts.stale} stale, ${counts.gap} with no evidence (GAP).`,
    { font: 'bold', size: SIZES.small },
  );
  const rows: TableRow[] = [];
  for (const outcome of unit.unit.learningOutcomes) {
    rows.push({ isGroup: true, cells: [{ parts: [{ text: `${outcome.id}: ${outcome.title}`, font: 'bold', size: SIZES.small }] }] });
    for (const point of unit.points.filter((entry) => entry.outcome === outcome)) {
      const known = point.evidenceIds.flatMap((id) => model.evidenceById.get(id) ?? []).sort((a, b) => a.number - b.number);
      const missing = point.evidenceIds.filter((id) => !model.evidenceById.has(id)).map((id) => `missing item ${id}`);
      const codes = [...known.map((entry) => entry.code), ...missing];
      rows.push({
        isEmphasised: point.status === 'gap',
        cells: [
          { parts: [{ text: point.point.id, font: 'bold', size: SIZES.small }] },
          { parts: [{ text: point.point.text, size: SIZES.small }] },
          point.status === 'gap' ? { badge: 'GAP', parts: [] } : { parts: [{ text: STATUS_NAME[point.status], font: point.status === 'met' ? 'regular' : 'bold', size: SIZES.small }] },
          {
            parts:
              codes.length === 0
                ? [{ text: 'None', size: SIZES.small }]
                : [
                    ...known.map((entry) => ({ text: `${entry.code}, page `, size: SIZES.small, pageRef: { key: evidenceKey(entry), refs: ctx.refs } })),
                    ...(missing.length > 0 ? [{ text: missing.join(', '), size: SIZES.small }] : []),
                  ],
          },
        ],
      });
    }
  }
  drawTable(layout, section, [
    { title: 'Marking point', weight: 1.1 },
    { title: 'What the specification requires', weight: 4.6 },
    { title: 'Status', weight: 1 },
    { title: 'Evidence', weight: 1.8 },
  ], rows);

  const decisionSection = layout.group(section, 'Sect');
  layout.heading(decisionSection, 3, 'Assessor decisions');
  if (unit.decisions.length === 0) layout.paragraph(decisionSection, 'The assessor has not judged any marking point of this unit yet.');
  for (const decision of unit.decisions) drawDecision(ctx, decisionSection, decision);
  decisionSection.end();

  const signOffSection = layout.group(section, 'Sect');
  layout.heading(signOffSection, 3, 'Unit sign-off');
  if (unit.signOffs.length === 0) layout.paragraph(signOffSection, 'The unit has not been signed off.');
  for (const signOff of unit.signOffs) {
    const failure = model.signatureFailures.get(signOff);
    if (failure !== undefined) layout.notice(signOffSection, `This sign-off does not match its signature: ${failure} Treat it as unconfirmed.`, { isStrong: true });
    const shaky = staleFoundation(model, signOff.decisionIds);
    if (shaky.length > 0) layout.notice(signOffSection, `STALE SIGN-OFF: ${shaky.join('; ')}. The unit must be judged and signed off again before it can be claimed.`, { isStrong: true });
    layout.narrative(signOffSection, signOff.declaration);
    layout.fields(signOffSection, [
      ...signerFields(ctx, 'Signed off by', signOff.signer, signOff.signature),
      { label: 'Signed off', value: formatInstant(signOff.signedAt) },
      { label: 'Decisions it rests on', value: `${signOff.decisionIds.length}` },
    ]);
  }
  signOffSection.end();

  const iqaSection = layout.group(section, 'Sect');
  layout.heading(iqaSection, 3, 'Internal quality assurance');
  if (unit.iqaSamples.length === 0) layout.paragraph(iqaSection, 'The unit has not been sampled by an internal quality assurer.');
  for (const sample of unit.iqaSamples) {
    const failure = model.signatureFailures.get(sample);
    if (failure !== undefined) layout.notice(iqaSection, `This quality assurance record does not match its signature: ${failure} Treat it as unconfirmed.`, { isStrong: true });
    const shaky = staleFoundation(model, sample.decisionIds);
    if (shaky.length > 0) layout.notice(iqaSection, `STALE ${sample.outcome === 'agree' ? 'AGREEMENT' : 'SAMPLE'}: ${shaky.join('; ')}. The quality assurer ${sample.outcome === 'agree' ? 'agreed with decisions that no longer stand' : 'sampled decisions that no longer stand'}; the unit needs sampling again.`, { isStrong: true });
    layout.fields(iqaSection, [
      { label: 'Outcome', value: iqaOutcomeName(sample.outcome) },
      { label: 'Comments', value: sample.comments },
      ...signerFields(ctx, 'Sampled by', sample.signer, sample.signature),
      { label: 'Sampled', value: formatInstant(sample.sampledAt) },
      { label: 'Decisions sampled', value: `${sample.decisionIds.length}` },
    ]);
  }
  iqaSection.end();

  const actions = model.manifest.actionPlan.filter((item) => item.unitId === unit.unit.id);
  if (actions.length > 0) {
    const actionSection = layout.group(section, 'Sect');
    layout.heading(actionSection, 3, 'Action plan');
    drawActionPlan(ctx, actionSection, actions);
    actionSection.end();
  }
  section.end();
}

function drawDecision(ctx: BuildContext, parent: Struct, decision: AssessorDecision): void {
  const { layout, model } = ctx;
  const point = model.pointById.get(decision.markingPointId);
  const isCurrent = model.currentDecisionIds.has(decision.id);
  const isStale = model.staleDecisionIds.has(decision.id);
  const notes: string[] = [];
  const failure = model.signatureFailures.get(decision);
  if (failure !== undefined) notes.push('DOES NOT MATCH ITS SIGNATURE');
  if (!isCurrent) notes.push('superseded by a later decision');
  if (isStale) notes.push('STALE: the evidence has changed since this judgement');
  const title = `${decision.markingPointId}${point ? ` · ${pointShortText(point.point)}` : ''} — ${decisionStatusName(decision.status)}${notes.length > 0 ? ` (${notes.join('; ')})` : ''}`;
  layout.ensure(60);
  layout.paragraph(parent, title, { font: 'bold', size: SIZES.body }, { gapAfter: 2 });
  if (failure !== undefined) layout.notice(parent, `This decision was changed after it was signed, or was never signed by the assessor shown: ${failure} Treat it as unconfirmed.`, { isStrong: true });
  const judged = (Array.isArray(decision.evidence) ? decision.evidence : []).map((entry) => evidenceLabel(model, entry.evidenceId));
  layout.fields(parent, [
    { label: 'Feedback', value: decision.feedback },
    ...signerFields(ctx, 'Assessor', decision.signer, decision.signature),
    { label: 'Decided', value: formatInstant(decision.decidedAt) },
    { label: 'Evidence judged', value: judged.length === 0 ? 'None recorded' : judged.join('\n') },
  ]);
  layout.moveDown(4);
}

/** Who signed, with the fingerprint worked out from the public key itself (not the one the record claims). */
export function signerFields(ctx: BuildContext, label: string, signer: Signer, signature: Signature): Field[] {
  const who = [signer.name, signer.number ? `number ${signer.number}` : '', signer.centre ?? ''].filter((part) => part.trim() !== '').join(', ');
  const computed = typeof signature?.publicKey === 'string' ? ctx.model.fingerprints.get(signature.publicKey) : undefined;
  let fingerprint: string;
  if (computed === undefined) fingerprint = 'The public key is missing or unreadable.';
  else if (computed !== signer.keyFingerprint) fingerprint = `${computed} (the record claims ${signer.keyFingerprint}, which does not match its key)`;
  else fingerprint = computed;
  return [
    { label, value: who },
    { label: 'Signature', value: `${signature?.algorithm ?? 'none'}, key fingerprint ${fingerprint}` },
  ];
}

function drawActionPlan(ctx: BuildContext, parent: Struct, items: ActionPlanItem[]): void {
  const { layout } = ctx;
  drawTable(layout, parent, [
    { title: 'Action', weight: 5 },
    { title: 'Target date', weight: 1.4 },
    { title: 'Status', weight: 1 },
    { title: 'Set by', weight: 1.6 },
  ], items.map((item) => ({
    cells: [
      { parts: [{ text: item.action, size: SIZES.small }] },
      { parts: [{ text: item.targetDate ? formatDate(item.targetDate) : 'None', size: SIZES.small }] },
      { parts: [{ text: item.status === 'done' ? 'Done' : 'Open', font: item.status === 'done' ? 'regular' : 'bold', size: SIZES.small }] },
      { parts: [{ text: `${item.createdBy}, ${formatInstant(item.createdAt)}`, size: SIZES.small }] },
    ],
  })));
}
