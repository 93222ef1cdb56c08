/**
 * Appendix: the audit trail, every entry the package carries in the order it holds them: when,
 * who, what was done to what, and the summary recorded at the time. An EQA reads it to see how
 * the portfolio was built and assessed, and that nothing was back-dated.
 */
import { startSection, type BuildContext } from '../context';
import { formatInstant, plural } from '../format';
import { SIZES } from '../layout';
import { drawTable, type TableRow } from '../table';

const ACTION_NAMES: Record<string, string> = {
  create: 'Created',
  update: 'Changed',
  delete: 'Deleted',
  restore: 'Restored',
  import: 'Imported',
  export: 'Exported',
  sign: 'Signed',
};

export function drawAuditTrail(ctx: BuildContext): void {
  const { layout, model } = ctx;
  const { struct } = startSection(ctx, 'Appendix: audit trail');
  const entries = Array.isArray(model.manifest.audit) ? model.manifest.audit : [];
  if (entries.length === 0) {
    layout.paragraph(struct, 'The package holds no audit trail.');
    struct.end();
    return;
  }
  layout.paragraph(struct, `${plural(entries.length, 'entry', 'entries')}, as the package records them. Times are in UTC.`, { size: SIZES.small });
  const rows: TableRow[] = entries.map((entry) => ({
    cells: [
      { parts: [{ text: formatInstant(entry.at), size: SIZES.small }] },
      { parts: [{ text: entry.actor, size: SIZES.small }] },
      { parts: [{ text: `${ACTION_NAMES[entry.action] ?? String(entry.action)} ${String(entry.entity).replace(/-/g, ' ')}`, size: SIZES.small }] },
      { parts: [{ text: entry.summary, size: SIZES.small }] },
    ],
  }));
  drawTable(layout, struct, [
    { title: 'When', weight: 1.9 },
    { title: 'Who', weight: 1.5 },
    { title: 'What', weight: 1.5 },
    { title: 'Details', weight: 4.6 },
  ], rows, { onRow: () => ctx.progress.check() });
  struct.end();
}
