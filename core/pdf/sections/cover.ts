/** The cover: who, where, which qualification, and when — plus the portfolio at a glance. */
import { mark, type BuildContext } from '../context';
import { formatDate, formatInstant, formatInstantOf, plural } from '../format';
import { COLOURS, SIZES } from '../layout';

export function drawCover(ctx: BuildContext): void {
  const { layout, model, doc } = ctx;
  const { manifest } = model;
  const portfolio = manifest.portfolio;
  const spec = manifest.qualification;
  layout.newPage('portrait');
  mark(ctx, doc.outline, 'Cover', 0, false);
  const section = layout.group(ctx.root, 'Sect', { title: 'Cover' });

  const x = layout.left;
  const width = layout.width;
  layout.tag(section, 'P', () => layout.draw('PORTFOLIO SUBMISSION', x, layout.y, width, { font: 'bold', size: SIZES.small, color: COLOURS.muted }));
  layout.moveDown(6);
  layout.tag(section, 'H1', () => layout.draw(spec.title, x, layout.y, width, { font: 'bold', size: SIZES.title, lineGap: 2 }));
  layout.moveDown(6);
  const facts = [spec.level ? `Level ${spec.level}` : '', `Version ${spec.version}`, spec.awardingBody].filter((fact) => fact.trim() !== '');
  layout.paragraph(section, facts.join('  ·  '), { size: SIZES.h3, color: COLOURS.muted });

  if (model.signatureFailures.size > 0) {
    layout.moveDown(6);
    layout.notice(
      section,
      `Integrity warning: ${plural(model.signatureFailures.size, 'signed record', 'signed records')} (assessor decisions, sign-offs, quality assurance or declarations) in this portfolio ${model.signatureFailures.size === 1 ? 'is' : 'are'} not as signed, out of ${model.signatureFailures.size === 1 ? 'its' : 'their'} signer's chain, or not signed with ${model.signatureFailures.size === 1 ? 'its' : 'their'} signer's key. See the integrity manifest.`,
      { isStrong: true },
    );
  }
  // The PDF is made without the centre's key register: say so wherever a reader looks first.
  const staffSigners = model.verification.signers.filter((signer) => signer.role !== 'learner');
  if (staffSigners.length > 0) {
    layout.moveDown(6);
    layout.notice(
      section,
      `Signers not confirmed: the signatures show that each record is unchanged since it was signed, but who signed is confirmed only by the centre's key register. Compare these key fingerprints, listed again in the integrity manifest, with the centre's register: ${staffSigners.map((signer) => `${signer.name} (${signer.role === 'iqa' ? 'IQA' : 'assessor'}) ${signer.fingerprint}`).join('; ')}.`,
    );
  }

  if (ctx.isDraft) {
    layout.moveDown(6);
    layout.notice(section, 'DRAFT — not for submission. This copy is for checking the portfolio before it is finalised.', { isStrong: true });
  }

  layout.rule(10, 10);
  layout.heading(section, 2, 'Learner');
  layout.fields(section, [
    { label: 'Learner', value: portfolio.learner.name },
    { label: 'Learner number', value: portfolio.learner.number ?? 'Not given' },
    { label: 'Centre', value: portfolio.centre.name },
    { label: 'Centre number', value: portfolio.centre.number ?? 'Not given' },
    { label: 'Assessor', value: portfolio.assessorName ?? 'Not yet assigned' },
  ]);

  layout.heading(section, 2, 'Qualification');
  layout.fields(section, [
    { label: 'Title', value: spec.title },
    { label: 'Level', value: spec.level ?? 'Not stated' },
    { label: 'Specification', value: `${spec.id}, version ${spec.version}` },
    { label: 'Awarding body', value: spec.awardingBody },
  ]);

  layout.heading(section, 2, 'Dates');
  layout.fields(section, [
    { label: 'Portfolio created', value: formatInstant(portfolio.createdAt) },
    { label: 'Last changed', value: formatInstant(portfolio.updatedAt) },
    { label: 'Package exported', value: formatInstant(manifest.exportedAt) },
    { label: 'This PDF generated', value: formatInstantOf(ctx.generatedAt) },
  ]);

  const summary = model.coverage.summary;
  layout.heading(section, 2, 'At a glance');
  const dates = model.evidence.map((entry) => entry.item.activityDate).filter((date) => /^\d{4}-\d{2}-\d{2}$/.test(date)).sort();
  layout.fields(section, [
    { label: 'Evidence items', value: plural(model.evidence.length, 'item', 'items') },
    { label: 'Evidence dated', value: dates.length > 0 ? `${formatDate(dates[0])} to ${formatDate(dates[dates.length - 1])}` : '' },
    { label: 'Marking points', value: `${summary.markingPoints} in ${plural(spec.units.length, 'unit', 'units')}` },
    { label: 'Judged met', value: `${summary.met} of ${summary.markingPoints}` },
    { label: 'Awaiting judgement', value: String(summary.claimed) },
    { label: 'Not yet met', value: String(summary.notYet) },
    { label: 'Stale judgements', value: String(summary.stale) },
    { label: 'Gaps (no evidence)', value: String(summary.gaps) },
  ]);
  if (summary.gaps > 0) {
    layout.notice(section, `${plural(summary.gaps, 'marking point has', 'marking points have')} no evidence mapped (GAP). See the coverage gap matrix.`);
  }
  section.end();
}
