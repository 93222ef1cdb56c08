/**
 * Every evidence item, each from a new page: its fields, narrative, type-specific details,
 * witness, legislation, the marking points it is mapped to, comments, and its attachments —
 * pictures embedded and scaled to fit, everything else listed with type, size and SHA-256.
 *
 * Pictures are read one at a time, only when placed, written to the output at once, and then
 * forgotten; between pictures the layout waits for the output to catch up, so memory stays
 * flat however many pictures the portfolio holds.
 */
import { mark, startSection, type BuildContext } from '../context';
import { complaintStageName, evidenceTypeName, formatBytes, formatDate, formatDuration, formatInstant, formatLocator, serviceLabelName } from '../format';
import { displaySize, drawImage, MAX_EMBEDDED_IMAGE_BYTES, prepareImage, writeImageXObject } from '../images/image-xobject';
import { COLOURS, SIZES, type Field, type Struct } from '../layout';
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
    layout.newPage('portrait');
    mark(ctx, outline, `${entry.code} · ${entry.item.title}`, 1);
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
    layout.narrative(block, item.narrative);
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
      layout.narrative(block, details.statement);
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
      { title: 'File', weight: 2.2 },
      { title: 'Type', weight: 1.1 },
      { title: 'Size', weight: 0.8 },
      { title: 'SHA-256', weight: 4.9 },
    ], listed.map(({ view, note }) => ({
      cells: [
        { parts: [{ text: view.ref.name, size: SIZES.small }, { text: note, size: SIZES.tiny, color: COLOURS.muted }] },
        { parts: [{ text: view.mediaType, size: SIZES.small }] },
        { parts: [{ text: formatBytes(view.size), size: SIZES.small }] },
        { parts: [{ text: view.ref.sha256, font: 'mono', size: 6.2 }] },
      ],
    })));
  }
  block.end();
}

/** Embeds one picture (once per document) and draws it with its caption; returns why not, if it cannot be shown. */
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
  const captionStyle = { size: SIZES.tiny, color: COLOURS.muted };
  const caption = `${view.ref.name} — ${view.mediaType}, ${formatBytes(view.size)}, ${shown.width} × ${shown.height} pixels`;
  const hashLine = `SHA-256 ${view.ref.sha256}`;
  const captionHeight = layout.measure(caption, captionStyle, layout.width) + layout.measure(hashLine, { font: 'mono', size: 6 }, layout.width) + 10;
  const fullHeight = layout.bottom - layout.top;
  // Natural size at 96 pixels per inch, never enlarged, at most the text width and 70% of a page.
  const natural = 0.75;
  let scale = Math.min(natural, layout.width / shown.width, (fullHeight * 0.7) / shown.height);
  const needed = shown.height * scale + captionHeight;
  if (needed > layout.remaining) {
    // Shrink to fit the rest of this page if that keeps it at least half the size; otherwise turn the page.
    const fitted = Math.min(scale, (layout.remaining - captionHeight) / shown.height);
    if (fitted >= scale * 0.5 && fitted > 0) scale = fitted;
    else layout.newPage();
  }
  const width = shown.width * scale;
  const height = shown.height * scale;
  const x = layout.left + (layout.width - width) / 2;
  const y = layout.y + 2;
  const image = placed;
  layout.tag(parent, 'Figure', () => drawImage(doc, image.label, image.ref, image, x, y, scale), {
    alt: layout.clean(`Picture attached to ${entry.code} (${entry.item.title}): ${view.ref.name}`),
  });
  layout.artifact(() => {
    doc.save();
    doc.lineWidth(0.4).rect(x, y, width, height).stroke(COLOURS.faint);
    doc.restore();
  });
  layout.y = y + height + 4;
  const captionBlock = layout.group(parent, 'Caption');
  layout.tag(captionBlock, 'P', () => layout.draw(caption, layout.left, layout.y, layout.width, { ...captionStyle, align: 'center' }));
  layout.tag(captionBlock, 'P', () => layout.draw(hashLine, layout.left, layout.y, layout.width, { font: 'mono', size: 6, color: COLOURS.muted, align: 'center' }));
  captionBlock.end();
  layout.moveDown(10);
  return undefined;
}
