/**
 * Every evidence item, each from a new page: its fields, narrative, type-specific details,
 * witness, legislation, the marking points it is mapped to, comments, and its attachments —
 * pictures embedded and scaled to fit, everything else listed with type, size and SHA-256.
 *
 * Pictures are read one at a time, only when placed, written to the output at once, and then
 * forgotten; between pictures the layout waits for the output to catch up, so memory stays
 * flat however many pictures the portfolio holds.
 */
import { evidenceKey, mark, startSection, type BuildContext } from '../context';
import { complaintStageName, evidenceTypeName, formatBytes, formatDate, formatDuration, formatInstant, formatLocator, serviceLabelName } from '../format';
import { displaySize, drawImage, MAX_EMBEDDED_IMAGE_BYTES, prepareImage, writeImageXObject } from '../images/image-xobject';
import { COLOURS, SIZES, type Field, type Struct, type TextStyle } from '../layout';
import { pointShortText, type EvidenceEntry } from '../model';
import { drawTable, type TableRow } from '../table';
import { witnessTypeName } from './witnesses';
import type { AttachmentRef, EvidenceDetails } from '../../model/portfolio';

/** Output waiting for the sink beyond this makes the layout pause. */
const OUTPUT_BACKLOG_BYTES = 8 * 1024 * 1024;

export async function drawEvidence(ctx: BuildContext): Promise<void> {
  const { layout, model } = ctx;
  const { struct, outline } = startSection(ctx, 'Evidence');
  layout.paragraph(struct, model.evidence.length === 0 ? 'The portfolio holds no evidence items.' : `Each of the ${model.evidence.length} evidence items starts on a new page, in the order of the evidence key.`, { size: SIZES.small });
  for (const entry of model.evidence) {
    ctx.progress.check();
    layout.newSectionPage('portrait', `${entry.code} · ${layout.clean(entry.item.title).replace(/\s*\n\s*/g, ' ')} (continued)`);
    mark(ctx, outline, `${entry.code} · ${entry.item.title}`, 1, true, evidenceKey(entry));
    await drawItem(ctx, struct, entry);
    await ctx.pump.settleBelow(OUTPUT_BACKLOG_BYTES);
    await ctx.progress.step();
  }
  struct.end();
}

async function drawItem(ctx: BuildContext, parent: Struct, entry: EvidenceEntry): Promise<void> {
  const { layout, model } = ctx;
  const item = entry.item;
  const section = layout.group(parent, 'Sect');
  layout.tag(section, 'P', () => layout.draw(`${entry.code} · ${evidenceTypeName(item.type)}`, layout.left, layout.y, layout.width, { font: 'bold', size: SIZES.small, color: COLOURS.muted }));
  layout.moveDown(2);
  layout.heading(section, 2, item.title);
  layout.fields(section, [
    { label: 'Evidence number', value: entry.code },
    { label: 'Type', value: evidenceTypeName(item.type) },
    { label: 'Date of activity', value: formatDate(item.activityDate) },
    { label: 'Kind of service', value: item.label === undefined ? '' : serviceLabelName(item.label) },
    { label: 'Tags', value: item.tags.join(', ') },
    { label: 'Added', value: formatInstant(item.createdAt) },
    { label: 'Last changed', value: formatInstant(item.updatedAt) },
    { label: 'Content hash', value: model.contentHashes.get(item.id) ?? '', font: 'mono' },
  ]);

  if (item.narrative.trim() !== '') {
    const block = layout.group(section, 'Sect');
    layout.heading(block, 3, 'Account');
    layout.paragraph(block, 'Paragraphs are numbered in the margin (¶); paragraph locators refer to these numbers.', { size: SIZES.small, color: COLOURS.muted }, { gapAfter: 3 });
    layout.narrative(block, item.narrative, {}, { isNumbered: true });
    block.end();
  }

  drawDetails(ctx, section, item.details);

  if ((item.rootCause ?? '').trim() !== '' || (item.prevention ?? '').trim() !== '') {
    const block = layout.group(section, 'Sect');
    layout.heading(block, 3, 'Problem solving');
    layout.fields(block, [
      { label: 'Root cause', value: item.rootCause ?? '' },
      { label: 'Prevention', value: item.prevention ?? '' },
    ]);
    block.end();
  }

  if (item.legislation.length > 0) {
    const block = layout.group(section, 'Sect');
    layout.heading(block, 3, 'Legislation and regulations referred to');
    layout.bullets(block, item.legislation);
    block.end();
  }

  // In the specification's order; marking points outside it last.
  const pointOrder = new Map(model.points.map((point, index) => [point.point.id, index]));
  const order = (id: string): number => pointOrder.get(id) ?? Number.MAX_SAFE_INTEGER;
  const mappings = [...(model.mappingsByEvidence.get(item.id) ?? [])].sort((a, b) => order(a.markingPointId) - order(b.markingPointId));
  const mapSection = layout.group(section, 'Sect');
  layout.heading(mapSection, 3, 'Marking points this item evidences');
  if (mappings.length === 0) layout.paragraph(mapSection, 'This item is not mapped to any marking point.');
  else {
    const rows: TableRow[] = mappings.map((mapping) => {
      const point = model.pointById.get(mapping.markingPointId);
      return {
        cells: [
          { parts: [{ text: mapping.markingPointId, font: 'bold', size: SIZES.small }, { text: point === undefined ? 'Not in the specification' : pointShortText(point.point), size: SIZES.tiny }] },
          { parts: [{ text: formatLocator(mapping.locator), size: SIZES.small }] },
          { parts: [{ text: mapping.justification ?? '', size: SIZES.small }] },
        ],
      };
    });
    drawTable(layout, mapSection, [
      { title: 'Marking point', weight: 2.2 },
      { title: 'Where to look', weight: 1.4 },
      { title: 'Why it counts', weight: 4 },
    ], rows);
  }
  mapSection.end();

  const comments = model.manifest.comments.filter((comment) => comment.evidenceId === item.id);
  if (comments.length > 0) {
    const block = layout.group(section, 'Sect');
    layout.heading(block, 3, 'Comments');
    for (const comment of comments) {
      layout.paragraph(block, `${comment.author}, ${formatInstant(comment.createdAt)}`, { font: 'bold', size: SIZES.small }, { gapAfter: 1 });
      layout.narrative(block, comment.text, { size: SIZES.small });
    }
    block.end();
  }

  await drawAttachments(ctx, section, entry);
  section.end();
}

function drawDetails(ctx: BuildContext, parent: Struct, details: EvidenceDetails): void {
  const { layout } = ctx;
  const block = layout.group(parent, 'Sect');
  const fields: Field[] = [];
  let title = 'Details';
  switch (details.type) {
    case 'reflective-account': {
      title = 'Reflection';
      layout.heading(block, 3, title);
      const model = details.model === 'other' ? `Other${details.modelName ? `: ${details.modelName}` : ''}` : details.model;
      layout.fields(block, [{ label: 'Complaint-handling model', value: model }]);
      if (details.stages.length > 0) layout.bullets(block, details.stages.map((stage) => `${stage.stage}: ${stage.text}`));
      layout.fields(block, [
        { label: 'What went well', value: details.wentWell ?? '' },
        { label: 'What I would do differently', value: details.doDifferently ?? '' },
        { label: 'How to prevent it happening again', value: details.preventRecurrence ?? '' },
      ]);
      block.end();
      return;
    }
    case 'witness-testimony': {
      title = 'Witness';
      layout.heading(block, 3, title);
      const witness = details.witness;
      layout.fields(block, [
        { label: 'Name', value: witness.name },
        { label: 'Occupation', value: witness.role },
        { label: 'Relationship', value: witness.relationship },
        { label: 'Contact', value: witness.contact ?? '' },
        { label: 'Kind of witness', value: witnessTypeName(witness.witnessType) },
        { label: 'Confirmed', value: witness.confirmedOn ? formatDate(witness.confirmedOn) : 'Not confirmed' },
        { label: 'How it was confirmed', value: witness.confirmedHow ?? '' },
        { label: 'Witness’s confirmation', value: witness.confirmationStatement ?? '' },
        { label: 'Statement dated', value: details.statementDate ? formatDate(details.statementDate) : '' },
      ]);
      layout.heading(block, 3, 'Witness statement');
      layout.narrative(block, details.statement, {}, { isNumbered: true });
      block.end();
      return;
    }
    case 'observation':
      title = 'Observation';
      fields.push({ label: 'Observer', value: details.observer }, { label: 'Observed on', value: details.observedOn ? formatDate(details.observedOn) : '' }, { label: 'Setting', value: details.setting ?? '' });
      break;
    case 'professional-discussion':
      title = 'Professional discussion';
      fields.push({ label: 'Discussed with', value: details.discussedWith ?? '' }, { label: 'Topics', value: details.topics ?? '' });
      break;
    case 'case-log':
      title = 'Case log';
      fields.push({ label: 'Stages covered', value: details.stagesCovered.map(complaintStageName).join(', ') }, { label: 'Case reference', value: details.caseReference ?? '' });
      break;
    case 'call-recording':
      title = 'Call recording';
      fields.push({ label: 'Length', value: details.durationSeconds === undefined ? '' : formatDuration(details.durationSeconds) }, { label: 'Consent', value: details.consent });
      break;
    case 'customer-feedback':
      title = 'Customer feedback';
      fields.push({ label: 'Source', value: details.source ?? '' }, { label: 'Sample size', value: details.sampleSize === undefined ? '' : String(details.sampleSize) });
      break;
    case 'mystery-shopping':
      title = 'Mystery shopping';
      fields.push({ label: 'Shopper', value: details.shopper ?? '' }, { label: 'Channel', value: details.channel ?? '' });
      break;
    case 'work-product':
      title = 'Work product';
      fields.push({ label: 'Kind of product', value: details.productKind ?? '' });
      break;
    case 'question-answer':
      title = 'Questions and answers';
      fields.push({ label: 'Asked by', value: details.askedBy ?? '' });
      break;
    default:
      break;
  }
  if (fields.some((field) => field.value.trim() !== '')) {
    layout.heading(block, 3, title);
    layout.fields(block, fields);
  }
  block.end();
}

/** How many pictures the evidence section will try to place: each is one step of progress. */
export function pictureSteps(ctx: Pick<BuildContext, 'model'>): number {
  let steps = 0;
  for (const entry of ctx.model.evidence) {
    for (const view of attachmentViews(ctx, entry)) if (isPictureCandidate(view)) steps++;
  }
  return steps;
}

function isPictureCandidate(view: AttachmentView): boolean {
  return view.mediaType.startsWith('image/') && view.size <= MAX_EMBEDDED_IMAGE_BYTES;
}

function attachmentViews(ctx: Pick<BuildContext, 'model'>, entry: EvidenceEntry): AttachmentView[] {
  return entry.item.attachments.map((ref) => {
    const stored = ctx.model.attachments.get(ref.sha256);
    return { ref, mediaType: stored?.mediaType ?? ref.mediaType, size: stored?.size ?? ref.size };
  });
}

interface AttachmentView {
  ref: AttachmentRef;
  mediaType: string;
  size: number;
}

async function drawAttachments(ctx: BuildContext, parent: Struct, entry: EvidenceEntry): Promise<void> {
  const { layout } = ctx;
  const attachments = attachmentViews(ctx, entry);
  if (attachments.length === 0) return;
  const block = layout.group(parent, 'Sect');
  layout.heading(block, 3, 'Attachments', { keepWith: 80 });
  const listed: { view: AttachmentView; note: string }[] = [];
  for (const view of attachments) {
    ctx.progress.check();
    if (!view.mediaType.startsWith('image/')) {
      listed.push({ view, note: '' });
      continue;
    }
    if (view.size > MAX_EMBEDDED_IMAGE_BYTES) {
      listed.push({ view, note: `Not embedded: the picture is larger than ${formatBytes(MAX_EMBEDDED_IMAGE_BYTES)}.` });
      continue;
    }
    const reason = await placePicture(ctx, block, entry, view);
    if (reason !== undefined) listed.push({ view, note: `Not embedded: ${reason}.` });
    await ctx.pump.settleBelow(OUTPUT_BACKLOG_BYTES);
    await ctx.progress.step();
  }
  if (listed.length > 0) {
    layout.paragraph(block, listed.length === attachments.length ? 'Files attached to this item:' : 'Other files attached to this item:', { font: 'bold', size: SIZES.small }, { gapAfter: 3 });
    drawTable(layout, block, [
      // The hash column fits 64 hex digits on one line, so a hash can be read, copied and searched whole.
      { title: 'File', weight: 1.6 },
      { title: 'Type', weight: 1.4 },
      { title: 'Size', weight: 1.1 },
      { title: 'SHA-256', weight: 7.8 },
    ], listed.map(({ view, note }) => ({
      cells: [
        { parts: [{ text: view.ref.name, size: SIZES.small }, { text: note, size: SIZES.tiny, color: COLOURS.muted }] },
        { parts: [{ text: view.mediaType, size: SIZES.small }] },
        { parts: [{ text: formatBytes(view.size), size: SIZES.small }] },
        { parts: [{ text: view.ref.sha256, font: 'mono', size: SIZES.tiny }] },
      ],
    })));
  }
  block.end();
}

/** A slice of a tall picture shorter than this goes to the next page instead of starting here. */
const MIN_SLICE = 120;

/**
 * Embeds one picture (once per document) and draws it as a figure with its caption inside it;
 * returns why not, if it cannot be shown.
 *
 * Readable pictures: the scale depends on the picture's size alone (natural size at 96 pixels
 * per inch, never enlarged, narrowed only to the text width), so pictures of one size print at
 * one scale and a screenshot's text stays the size it was on screen wherever possible. A picture
 * too tall for a page is not shrunk: it is split across pages at that scale, each part labelled.
 * The learner's description of the picture is printed and is the figure's alternative text.
 */
async function placePicture(ctx: BuildContext, parent: Struct, entry: EvidenceEntry, view: AttachmentView): Promise<string | undefined> {
  const { layout, doc } = ctx;
  let placed = ctx.images.get(view.ref.sha256);
  if (placed === undefined) {
    const bytes = await ctx.readAttachment(view.ref.sha256);
    const prepared = await prepareImage(bytes);
    ctx.progress.check();
    if (!prepared.ok) placed = { reason: prepared.reason };
    else {
      const ref = writeImageXObject(doc, prepared.image.streams);
      placed = { label: `Im${ctx.images.size + 1}`, ref, width: prepared.image.streams.width, height: prepared.image.streams.height, orientation: prepared.image.orientation };
    }
    ctx.images.set(view.ref.sha256, placed);
  }
  if ('reason' in placed) return placed.reason;

  const shown = displaySize(placed.width, placed.height, placed.orientation);
  const captionStyle: TextStyle = { size: SIZES.tiny, color: COLOURS.muted, align: 'center' };
  const hashStyle: TextStyle = { font: 'mono', size: SIZES.tiny, color: COLOURS.muted, align: 'center' };
  const description = typeof view.ref.description === 'string' ? view.ref.description.trim() : '';
  const caption = `${view.ref.name} — ${view.mediaType}, ${formatBytes(view.size)}, ${shown.width} × ${shown.height} pixels`;
  const hashLine = `SHA-256 ${view.ref.sha256}`;
  const descriptionStyle: TextStyle = { size: SIZES.small, align: 'center' };
  const captionHeight = (description === '' ? 0 : layout.measure(description, descriptionStyle, layout.width) + 2) + layout.measure(caption, captionStyle, layout.width) + layout.measure(hashLine, hashStyle, layout.width) + 10;
  const pageHeight = layout.bottom - layout.top;
  const scale = Math.min(0.75, layout.width / shown.width);
  const width = shown.width * scale;
  const height = shown.height * scale;
  const x = layout.left + (layout.width - width) / 2;
  const isSplit = height + captionHeight + 4 > pageHeight;
  // Whole on this page, or whole on the next; a split picture starts here only if a useful part fits.
  layout.ensure(isSplit ? MIN_SLICE : height + captionHeight + 4);

  const alt = layout.clean(description !== '' ? `${description} (picture attached to ${entry.code}, ${view.ref.name})` : `Picture attached to ${entry.code} (${entry.item.title}): ${view.ref.name}`);
  const figure = layout.group(parent, 'Figure', { alt });
  const image = placed;
  const partLabelHeight = 14;
  let offset = 0;
  let part = 0;
  // How many parts the loop below makes, worked out the same way first, so each label can say "of N".
  let parts = 1;
  if (isSplit) {
    let rest = height;
    let room = layout.bottom - (layout.y + 2) - partLabelHeight;
    parts = 0;
    while (rest > 0.01) {
      parts++;
      rest -= rest + captionHeight <= room + 0.01 ? rest : Math.min(rest, room);
      room = pageHeight - 2 - partLabelHeight;
    }
  }
  while (offset < height - 0.01) {
    part++;
    if (part > 1) layout.newPage();
    const top = layout.y + 2;
    const room = layout.bottom - top - (isSplit ? partLabelHeight : 0);
    const isLast = height - offset + captionHeight <= room + 0.01;
    const slice = Math.min(height - offset, isLast ? height - offset : room);
    const sliceTop = offset;
    figure.add(() => {
      doc.save();
      doc.rect(x, top, width, slice).clip();
      drawImage(doc, image.label, image.ref, image, x, top - sliceTop, scale);
      doc.restore();
    });
    layout.artifact(() => {
      doc.save();
      doc.lineWidth(0.4).rect(x, top, width, slice).stroke(COLOURS.faint);
      doc.restore();
    });
    layout.y = top + slice + 3;
    offset += slice;
    if (isSplit) {
      const label = offset < height - 0.01 ? `Part ${part} of ${parts}: the picture continues on the next page.` : `Part ${part} of ${parts} (end of the picture).`;
      layout.artifact(() => layout.drawLine(label, layout.left, layout.y, layout.width, { ...captionStyle, font: 'italic' }), 'Pagination');
      layout.moveDown(2);
    }
    if (slice <= 0) break;
  }
  const captionBlock = layout.group(figure, 'Caption');
  if (description !== '') layout.tag(captionBlock, 'P', () => layout.draw(description, layout.left, layout.y, layout.width, descriptionStyle));
  layout.tag(captionBlock, 'P', () => layout.draw(caption, layout.left, layout.y, layout.width, captionStyle));
  layout.tag(captionBlock, 'P', () => layout.draw(hashLine, layout.left, layout.y, layout.width, hashStyle));
  captionBlock.end();
  figure.end();
  layout.moveDown(10);
  return undefined;
}
