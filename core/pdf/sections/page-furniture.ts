/**
 * What goes on every page once the page count is known: the "Page N of M — learner —
 * qualification" footer and, for a draft, the diagonal DRAFT watermark. Both are artifacts:
 * they are not part of the document's reading order.
 */
import type { BuildContext } from '../context';
import { COLOURS } from '../layout';
import { resetPageTransform } from '../pdfkit-internals';

export function drawPageFurniture(ctx: BuildContext): void {
  const { layout, doc, model } = ctx;
  const range = doc.bufferedPageRange();
  const learner = layout.clean(model.manifest.portfolio.learner.name).replace(/\s*\n\s*/g, ' ');
  const qualification = layout.clean(model.manifest.qualification.title).replace(/\s*\n\s*/g, ' ');
  for (let index = range.start; index < range.start + range.count; index++) {
    doc.switchToPage(index);
    resetPageTransform(doc);
    drawFooter(ctx, `Page ${index + 1} of ${range.count} — ${learner} — ${qualification}`);
    if (ctx.isDraft) {
      drawWatermark(ctx);
      drawDraftBanner(ctx);
    }
  }
}

function drawFooter(ctx: BuildContext, text: string): void {
  const { layout, doc } = ctx;
  const width = layout.width;
  const x = layout.left;
  const y = layout.bottom + 16;
  // One line if at all possible, so the footer reads (and searches) as one phrase.
  let size = 8;
  while (size > 6 && layout.widthOf(text, { size }) > width) size -= 0.5;
  layout.artifact(() => {
    doc.save();
    doc.lineWidth(0.4).moveTo(x, y - 5).lineTo(x + width, y - 5).stroke(COLOURS.rule);
    doc.restore();
    layout.draw(text, x, y, width, { size, color: COLOURS.muted, align: 'center' }, { maxLines: 2 });
  }, 'Pagination');
}

/** A plain, horizontal DRAFT line in the top margin: readable on a photocopy and by text search. */
function drawDraftBanner(ctx: BuildContext): void {
  const { layout } = ctx;
  // Above the running head (see Layout.newPage), so a continued page shows both.
  const y = Math.max(6, layout.top - 42);
  layout.artifact(() => layout.drawLine('DRAFT — not for submission', layout.left, y, layout.width, { font: 'bold', size: 8, align: 'center' }), 'Pagination');
}

function drawWatermark(ctx: BuildContext): void {
  const { layout, doc } = ctx;
  const { width, height } = doc.page;
  const angle = (Math.atan2(height, width) * 180) / Math.PI;
  const size = Math.min(width, height) * 0.28;
  layout.artifact(() => {
    doc.save();
    doc.rotate(-angle, { origin: [width / 2, height / 2] });
    layout.use({ font: 'bold', size });
    doc.fillColor('#808080', 0.18);
    const textWidth = doc.widthOfString('DRAFT');
    doc.text('DRAFT', width / 2 - textWidth / 2, height / 2 - size * 0.6, { lineBreak: false });
    doc.restore();
  }, 'Pagination');
}
