/**
 * The integrity manifest: the hashes and key fingerprints an awarding body needs to check that
 * this PDF and the `.portfolio` package it came from say the same thing — every attachment's
 * SHA-256, every evidence item's content hash (the hash assessor decisions are signed over),
 * and the key fingerprint behind every signed decision, sign-off and quality assurance sample.
 */
import { startSection, type BuildContext } from '../context';
import { formatBytes, formatInstant, formatInstantOf, plural } from '../format';
import { COLOURS, SIZES } from '../layout';
import { drawTable, type TableRow } from '../table';

const HASH_SIZE = 8;

export function drawIntegrity(ctx: BuildContext): void {
  const { layout, model } = ctx;
  const { manifest } = model;
  const { struct } = startSection(ctx, 'Integrity manifest');
  layout.paragraph(
    struct,
    'These values let anyone check this PDF against the portfolio package it was made from. Attachment hashes are SHA-256 of the file bytes; ' +
      'evidence content hashes are SHA-256 of the item’s content as judged, which every assessor decision is signed over; key fingerprints identify the key that signed each record.',
    { size: SIZES.small },
  );
  layout.fields(struct, [
    { label: 'Package format', value: manifest.format },
    { label: 'Package exported', value: formatInstant(manifest.exportedAt) },
    { label: 'Exported by', value: `${manifest.generator.name} ${manifest.generator.version}` },
    { label: 'PDF generated', value: formatInstantOf(ctx.generatedAt) },
    { label: 'Contents', value: `${plural(model.evidence.length, 'evidence item', 'evidence items')}, ${plural(manifest.attachments.length, 'attachment', 'attachments')}, ${plural(manifest.decisions.length, 'decision', 'decisions')}` },
  ]);

  layout.heading(struct, 2, 'Attachments');
  if (manifest.attachments.length === 0) layout.paragraph(struct, 'The package holds no attachments.');
  else {
    const rows: TableRow[] = manifest.attachments.map((attachment) => {
      const users = (model.attachmentUsers.get(attachment.sha256) ?? []).map((entry) => entry.code);
      return {
        cells: [
          { parts: [{ text: attachment.sha256, font: 'mono', size: HASH_SIZE }] },
          { parts: [{ text: attachment.mediaType, size: SIZES.tiny }] },
          { parts: [{ text: formatBytes(attachment.size), size: SIZES.tiny }] },
          { parts: [{ text: users.length === 0 ? 'Not used' : users.join(', '), size: SIZES.tiny }] },
        ],
      };
    });
    drawTable(layout, struct, [
      // Wide enough for a 64-digit hash on one line at 8 pt, so it can be read, copied and searched whole.
      { title: 'SHA-256', weight: 6.6 },
      { title: 'Type', weight: 1.4 },
      { title: 'Size', weight: 0.9 },
      { title: 'Used by', weight: 1.1 },
    ], rows, { onRow: () => ctx.progress.check() });
  }

  layout.heading(struct, 2, 'Evidence content hashes');
  if (model.evidence.length === 0) layout.paragraph(struct, 'The portfolio holds no evidence items.');
  else {
    drawTable(layout, struct, [
      { title: 'Item', weight: 0.6 },
      { title: 'Id', weight: 1.5 },
      { title: 'Content hash', weight: 7 },
    ], model.evidence.map((entry) => ({
      cells: [
        { parts: [{ text: entry.code, font: 'bold', size: SIZES.tiny }] },
        { parts: [{ text: entry.item.id, font: 'mono', size: HASH_SIZE }] },
        { parts: [{ text: model.contentHashes.get(entry.item.id) ?? '', font: 'mono', size: HASH_SIZE }] },
      ],
    })), { onRow: () => ctx.progress.check() });
  }

  layout.heading(struct, 2, 'Signatures');
  const failures = model.signatureFailures.size;
  const signedCount = manifest.decisions.length + manifest.signOffs.length + manifest.iqaSamples.length;
  if (signedCount > 0) {
    layout.paragraph(
      struct,
      failures === 0
        ? `Every signature was checked when this PDF was made: all ${plural(signedCount, 'signed record', 'signed records')} match what was signed. To confirm who signed, compare the key fingerprints below with the centre's key register.`
        : `Every signature was checked when this PDF was made: ${plural(failures, 'signed record does', 'signed records do')} NOT match what was signed (marked below). They were changed after signing, or never signed by the person shown, and should be treated as unconfirmed.`,
      failures === 0 ? {} : { font: 'bold' },
    );
  }
  const signed: TableRow[] = [];
  const recordCell = (text: string, id: string, record: object): TableRow['cells'][number] => ({
    ...(model.signatureFailures.has(record) ? { badge: 'DOES NOT MATCH' } : {}),
    parts: [{ text, size: SIZES.tiny }, { text: id, font: 'mono', size: SIZES.tiny }],
  });
  const fingerprintCell = (claimed: string, publicKey: unknown): TableRow['cells'][number] => {
    const computed = typeof publicKey === 'string' ? model.fingerprints.get(publicKey) : undefined;
    if (computed === undefined) return { badge: 'UNREADABLE KEY', parts: [{ text: `claims ${claimed}`, font: 'mono', size: HASH_SIZE }] };
    if (computed !== claimed) return { badge: 'MISMATCH', parts: [{ text: computed, font: 'mono', size: HASH_SIZE }, { text: `record claims ${claimed}`, size: SIZES.tiny }] };
    return { parts: [{ text: computed, font: 'mono', size: HASH_SIZE }] };
  };
  for (const decision of manifest.decisions) {
    const stale = model.staleDecisionIds.has(decision.id) ? ' (stale)' : '';
    signed.push({
      cells: [
        recordCell(`Decision on ${decision.markingPointId}${stale}`, decision.id, decision),
        { parts: [{ text: `${decision.signer.name} (${decision.signer.role})`, size: SIZES.tiny }, { text: formatInstant(decision.decidedAt), size: SIZES.tiny, color: COLOURS.muted }] },
        { parts: [{ text: decision.signature?.algorithm ?? '', size: SIZES.tiny }] },
        fingerprintCell(decision.signer.keyFingerprint, decision.signature?.publicKey),
      ],
    });
  }
  for (const signOff of manifest.signOffs) {
    signed.push({
      cells: [
        recordCell(`Sign-off of unit ${signOff.unitId}`, signOff.id, signOff),
        { parts: [{ text: `${signOff.signer.name} (${signOff.signer.role})`, size: SIZES.tiny }, { text: formatInstant(signOff.signedAt), size: SIZES.tiny, color: COLOURS.muted }] },
        { parts: [{ text: signOff.signature?.algorithm ?? '', size: SIZES.tiny }] },
        fingerprintCell(signOff.signer.keyFingerprint, signOff.signature?.publicKey),
      ],
    });
  }
  for (const sample of manifest.iqaSamples) {
    signed.push({
      cells: [
        recordCell(`Quality assurance of unit ${sample.unitId}`, sample.id, sample),
        { parts: [{ text: `${sample.signer.name} (${sample.signer.role})`, size: SIZES.tiny }, { text: formatInstant(sample.sampledAt), size: SIZES.tiny, color: COLOURS.muted }] },
        { parts: [{ text: sample.signature?.algorithm ?? '', size: SIZES.tiny }] },
        fingerprintCell(sample.signer.keyFingerprint, sample.signature?.publicKey),
      ],
    });
  }
  if (signed.length === 0) layout.paragraph(struct, 'Nothing in the portfolio has been signed yet.');
  else {
    drawTable(layout, struct, [
      { title: 'Record', weight: 2.8 },
      { title: 'Signed by', weight: 2.2 },
      { title: 'Algorithm', weight: 1 },
      { title: 'Key fingerprint', weight: 4.1 },
    ], signed, { onRow: () => ctx.progress.check() });
  }
  struct.end();
}
