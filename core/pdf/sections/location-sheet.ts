/**
 * The evidence location sheet: for every marking point, each evidence item mapped to it and
 * exactly where in the item to look (page, paragraph, time range or note), with the learner's
 * reason. A marking point with nothing mapped gets one row marked GAP.
 */
import { evidenceKey, startSection, type BuildContext } from '../context';
import { STATUS_NAME, describeLocator } from '../format';
import { SIZES } from '../layout';
import { evidenceLabel } from '../model';
import { drawTable, type TableRow } from '../table';

export function drawLocationSheet(ctx: BuildContext): void {
  const { layout, model } = ctx;
  const { struct } = startSection(ctx, 'Evidence location sheet');
  layout.paragraph(
    struct,
    'Where to find the evidence for each marking point. Evidence numbers (E1, E2, …) match the matrix and the Evidence section; each item’s page number is a link to it. Paragraph numbers are printed in the margin beside each account.',
    { size: SIZES.small },
  );
  const rows: TableRow[] = [];
  for (const unit of model.units) {
    rows.push({ isGroup: true, cells: [{ parts: [{ text: `Unit ${unit.unit.id}: ${unit.unit.title}`, font: 'bold', size: SIZES.small }] }] });
    for (const point of unit.points) {
      const pointCell = {
        parts: [
          { text: point.point.id, font: 'bold' as const, size: SIZES.small },
          { text: point.point.text, size: SIZES.tiny },
        ],
      };
      // In evidence order (E1, E2, …), items no longer in the package last.
      const order = (evidenceId: string): number => model.evidenceById.get(evidenceId)?.number ?? Number.MAX_SAFE_INTEGER;
      const mappings = [...(model.mappingsByPoint.get(point.point.id) ?? [])].sort((a, b) => order(a.evidenceId) - order(b.evidenceId));
      if (mappings.length === 0) {
        rows.push({
          isEmphasised: true,
          cells: [pointCell, { badge: 'GAP', parts: [{ text: 'No evidence mapped to this marking point.', font: 'bold', size: SIZES.small }] }, { parts: [] }, { parts: [] }],
        });
        continue;
      }
      mappings.forEach((mapping, index) => {
        const entry = model.evidenceById.get(mapping.evidenceId);
        rows.push({
          cells: [
            index === 0 ? { parts: [...pointCell.parts, { text: `Status: ${STATUS_NAME[point.status]}`, size: SIZES.tiny }] } : { parts: [{ text: `${point.point.id} (continued)`, size: SIZES.tiny }] },
            {
              parts: [
                { text: evidenceLabel(model, mapping.evidenceId), size: SIZES.small },
                ...(entry === undefined ? [] : [{ text: 'Starts on page ', size: SIZES.small, font: 'bold' as const, pageRef: { key: evidenceKey(entry), refs: ctx.refs } }]),
              ],
            },
            { parts: [{ text: describeLocator(mapping.locator, entry?.item), size: SIZES.small }] },
            { parts: [{ text: mapping.justification ?? '', size: SIZES.small }] },
          ],
        });
      });
    }
  }
  drawTable(layout, struct, [
    { title: 'Marking point', weight: 2.5 },
    { title: 'Evidence item', weight: 2.6 },
    { title: 'Where to look', weight: 1.4 },
    { title: 'Why it counts', weight: 3.6 },
  ], rows);

  const known = new Set(model.points.map((point) => point.point.id));
  const stray = model.manifest.mappings.filter((mapping) => !known.has(mapping.markingPointId));
  if (stray.length > 0) {
    layout.heading(struct, 2, 'Mappings to marking points outside the specification');
    drawTable(layout, struct, [
      { title: 'Marking point', weight: 2 },
      { title: 'Evidence item', weight: 3 },
      { title: 'Where to look', weight: 2 },
    ], stray.map((mapping) => ({ cells: [{ parts: [{ text: mapping.markingPointId, font: 'bold', size: SIZES.small }] }, { parts: [{ text: evidenceLabel(model, mapping.evidenceId), size: SIZES.small }] }, { parts: [{ text: describeLocator(mapping.locator, model.evidenceById.get(mapping.evidenceId)?.item), size: SIZES.small }] }] })));
  }
  struct.end();
}
