/**
 * The witness status list, as awarding bodies' forms ask for it: every witness named in a
 * witness testimony, whether they are an expert or an ordinary witness, their occupation and
 * relationship to the learner, how the statement was confirmed as theirs and when, and the
 * witness's own words of confirmation. A witness who has not confirmed, or whose details are
 * missing, is boxed and marked so it stands out in print.
 */
import { evidenceKey, startSection, type BuildContext } from '../context';
import { formatDate, plural } from '../format';
import { SIZES } from '../layout';
import { drawTable, type TableRow } from '../table';
import type { Witness } from '../../model/portfolio';

export function witnessTypeName(value: unknown): string {
  if (value === 'expert') return 'Expert witness';
  if (value === 'ordinary') return 'Ordinary witness';
  return 'Not stated';
}

function hasText(value: unknown): value is string {
  return typeof value === 'string' && value.trim() !== '';
}

/** Whether the list can say who the witness is (the check calls a witness without this an error). */
export function hasWitnessDetails(witness: Witness): boolean {
  return hasText(witness.name) && (hasText(witness.role) || hasText(witness.relationship));
}

export function drawWitnesses(ctx: BuildContext): void {
  const { layout, model } = ctx;
  const { struct } = startSection(ctx, 'Witness status list');
  const witnesses = model.witnesses;
  if (witnesses.length === 0) {
    layout.paragraph(struct, 'The portfolio holds no witness testimonies.');
    struct.end();
    return;
  }
  const unconfirmed = witnesses.filter((entry) => !isConfirmed(entry.witness.confirmedOn)).length;
  const expert = witnesses.filter((entry) => entry.witness.witnessType === 'expert').length;
  layout.paragraph(
    struct,
    `${plural(witnesses.length, 'witness testimony', 'witness testimonies')} (${plural(expert, 'expert witness', 'expert witnesses')}); ${unconfirmed === 0 ? 'every witness has confirmed their statement.' : `${plural(unconfirmed, 'witness has', 'witnesses have')} not confirmed their statement (marked NOT CONFIRMED).`} An expert witness is occupationally competent in the work they saw; an ordinary witness is anyone else who saw it.`,
    { size: SIZES.small },
  );
  const rows: TableRow[] = witnesses.map((entry) => {
    const witness = entry.witness;
    const confirmed = isConfirmed(witness.confirmedOn);
    const isComplete = hasWitnessDetails(witness);
    const confirmation = [
      { text: confirmed ? `Confirmed ${formatDate(witness.confirmedOn)}` : '', size: SIZES.small },
      { text: confirmed ? (hasText(witness.confirmedHow) ? witness.confirmedHow : 'How it was confirmed is not recorded.') : 'not confirmed', size: SIZES.small },
      { text: hasText(witness.confirmationStatement) ? `“${witness.confirmationStatement.trim()}”` : '', font: 'italic' as const, size: SIZES.small },
    ];
    return {
      isEmphasised: !confirmed || !isComplete,
      cells: [
        isComplete
          ? { parts: [{ text: witness.name, font: 'bold', size: SIZES.small }, { text: witness.contact ? `Contact: ${witness.contact}` : 'Contact not given', size: SIZES.small }] }
          : { badge: 'DETAILS MISSING', parts: [{ text: hasText(witness.name) ? witness.name : 'No name given', font: 'bold', size: SIZES.small }] },
        { parts: [{ text: witnessTypeName(witness.witnessType), font: witness.witnessType === undefined ? 'bold' : 'regular', size: SIZES.small }] },
        { parts: [{ text: hasText(witness.role) ? witness.role : 'Occupation not given', size: SIZES.small }, { text: hasText(witness.relationship) ? witness.relationship : 'Relationship not given', size: SIZES.small }] },
        {
          parts: [
            { text: `${entry.evidence.code} · ${entry.evidence.item.title}`, size: SIZES.small },
            { text: 'Page ', font: 'bold', size: SIZES.small, pageRef: { key: evidenceKey(entry.evidence), refs: ctx.refs } },
            { text: entry.statementDate ? `Statement dated ${formatDate(entry.statementDate)}` : '', size: SIZES.small },
          ],
        },
        confirmed ? { parts: confirmation } : { badge: 'NOT CONFIRMED', parts: confirmation },
      ],
    };
  });
  drawTable(layout, struct, [
    { title: 'Witness', weight: 1.7 },
    { title: 'Expert or ordinary', weight: 1.2 },
    { title: 'Occupation and relationship to the learner', weight: 2.2 },
    { title: 'Testimony', weight: 2.2 },
    { title: 'How the statement was confirmed', weight: 2.4 },
  ], rows);
  struct.end();
}

function isConfirmed(value: unknown): value is string {
  return typeof value === 'string' && value.trim() !== '';
}
