/** Every witness named in a witness testimony: who they are, and whether they have confirmed their statement. */
import { startSection, type BuildContext } from '../context';
import { formatDate, plural } from '../format';
import { SIZES } from '../layout';
import { drawTable, type TableRow } from '../table';

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
  layout.paragraph(
    struct,
    `${plural(witnesses.length, 'witness testimony', 'witness testimonies')}; ${unconfirmed === 0 ? 'every witness has confirmed their statement.' : `${plural(unconfirmed, 'witness has', 'witnesses have')} not confirmed their statement (marked NOT CONFIRMED).`}`,
    { size: SIZES.small },
  );
  const rows: TableRow[] = witnesses.map((entry) => {
    const witness = entry.witness;
    const confirmed = isConfirmed(witness.confirmedOn);
    return {
      isEmphasised: !confirmed,
      cells: [
        { parts: [{ text: witness.name, font: 'bold', size: SIZES.small }] },
        { parts: [{ text: witness.role, size: SIZES.small }] },
        { parts: [{ text: witness.relationship, size: SIZES.small }] },
        { parts: [{ text: `${entry.evidence.code} · ${entry.evidence.item.title}`, size: SIZES.small }, { text: entry.statementDate ? `Statement dated ${formatDate(entry.statementDate)}` : '', size: SIZES.tiny }] },
        { parts: [{ text: witness.contact ?? 'Not given', size: SIZES.small }] },
        confirmed
          ? { parts: [{ text: `Confirmed ${formatDate(witness.confirmedOn)}`, size: SIZES.small }] }
          : { badge: 'NOT CONFIRMED', parts: [{ text: 'not confirmed', size: SIZES.small }] },
      ],
    };
  });
  drawTable(layout, struct, [
    { title: 'Witness', weight: 1.6 },
    { title: 'Role', weight: 1.4 },
    { title: 'Relationship to learner', weight: 1.5 },
    { title: 'Testimony', weight: 2.4 },
    { title: 'Contact', weight: 1.6 },
    { title: 'Confirmed', weight: 1.4 },
  ], rows);
  struct.end();
}

function isConfirmed(value: unknown): value is string {
  return typeof value === 'string' && value.trim() !== '';
}
