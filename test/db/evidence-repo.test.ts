import { describe, expect, it } from 'vitest';
import { evidenceContentHash } from '../../core/integrity/content-hash';
import { countEvidence, createEvidence, deleteEvidence, EvidenceSaveError, evidenceCountsByPortfolio, evidenceHistory, getEvidence, listEvidence, recentEvidence, saveEvidence, toEvidenceItem } from '../../renderer/src/db/evidence-repo';
import { addMapping, mappingsForEvidence, mappingsOfEvidence } from '../../renderer/src/db/mappings-repo';
import { addAttachments, prepareAttachment } from '../../renderer/src/db/attachments-repo';
import { listTrash, restoreFromTrash } from '../../renderer/src/db/trash-repo';
import type { StoredEvidence } from '../../renderer/src/db/app-db';
import { ACTOR, freshDb, pngBytes, withPortfolio } from './evidence-helpers';

async function expectHashCurrent(item: StoredEvidence | undefined): Promise<void> {
  expect(item).toBeDefined();
  if (item) expect(item.contentHash).toBe(await evidenceContentHash(toEvidenceItem(item)));
}

describe('creating and saving evidence', () => {
  it('creates an item with its content hash, an audit entry and the portfolio touched', async () => {
    const db = freshDb();
    const portfolio = await withPortfolio(db);
    const created = await createEvidence(db, portfolio.id, 'call-recording', ACTOR, { title: 'Call about a late refund', now: new Date('2030-01-02T03:04:05.000Z') });
    expect(created.details).toEqual({ type: 'call-recording', consent: '' });
    await expectHashCurrent(await getEvidence(db, created.portfolioId, created.id));
    expect((await db.portfolios.get(portfolio.id))?.updatedAt).toBe('2030-01-02T03:04:05.000Z');
    const audit = (await db.audit.toArray()).filter((entry) => entry.entityId === created.id);
    expect(audit.map((entry) => [entry.action, entry.entity, entry.actor, entry.summary])).toEqual([['create', 'evidence', ACTOR, 'Added call recording “Call about a late refund”.']]);
  });

  it('refuses to create evidence in a portfolio that does not exist, storing nothing', async () => {
    const db = freshDb();
    await withPortfolio(db);
    await expect(createEvidence(db, 'no-such-portfolio', 'observation', ACTOR)).rejects.toThrow('That portfolio no longer exists.');
    expect(await db.evidence.count()).toBe(0);
  });

  it('saving recomputes the content hash, writes an audit line naming the change, and touches the portfolio', async () => {
    const db = freshDb();
    const portfolio = await withPortfolio(db);
    const created = await createEvidence(db, portfolio.id, 'witness-testimony', ACTOR);
    const edited = { ...toEvidenceItem(created), title: 'Statement from my team leader', details: { type: 'witness-testimony' as const, witness: { name: 'Jo Patel', role: 'Team leader', relationship: 'Line manager' }, statement: 'Sam calmed the customer.' } };
    const result = await saveEvidence(db, edited, ACTOR, { now: new Date('2031-05-06T07:08:09.000Z') });
    expect(result.status).toBe('saved');
    const stored = await getEvidence(db, created.portfolioId, created.id);
    await expectHashCurrent(stored);
    expect(stored?.contentHash).not.toBe(created.contentHash);
    expect(stored?.updatedAt).toBe('2031-05-06T07:08:09.000Z');
    expect((await db.portfolios.get(portfolio.id))?.updatedAt).toBe('2031-05-06T07:08:09.000Z');
    const history = await evidenceHistory(db, portfolio.id, created.id);
    expect(history[0]?.summary).toBe('Changed the title, the witness’s name, the witness’s role, the witness’s relationship to you and the witness’s statement of witness testimony “Statement from my team leader”.');
  });

  it('saving an unchanged item writes nothing', async () => {
    const db = freshDb();
    const portfolio = await withPortfolio(db);
    const created = await createEvidence(db, portfolio.id, 'observation', ACTOR);
    const auditBefore = await db.audit.count();
    const result = await saveEvidence(db, { ...toEvidenceItem(created), title: '  ' }, ACTOR);
    expect(result.status).toBe('unchanged');
    expect(await db.audit.count()).toBe(auditBefore);
    expect(await getEvidence(db, created.portfolioId, created.id)).toEqual(created);
  });

  it('refuses invalid fields, naming them, and changes nothing', async () => {
    const db = freshDb();
    const portfolio = await withPortfolio(db);
    const created = await createEvidence(db, portfolio.id, 'observation', ACTOR);
    const before = await db.audit.count();
    const error = await saveEvidence(db, { ...toEvidenceItem(created), title: 'x'.repeat(300), activityDate: '2026-02-30' }, ACTOR).catch((caught: unknown) => caught);
    expect(error).toBeInstanceOf(EvidenceSaveError);
    expect(error instanceof EvidenceSaveError ? error.problems.map((problem) => problem.field) : []).toEqual(['title', 'activityDate']);
    expect(await getEvidence(db, created.portfolioId, created.id)).toEqual(created);
    expect(await db.audit.count()).toBe(before);
  });

  it('an editing session keeps one audit line up to date instead of one per autosave', async () => {
    const db = freshDb();
    const portfolio = await withPortfolio(db);
    const created = await createEvidence(db, portfolio.id, 'reflective-account', ACTOR);
    const base = toEvidenceItem(created);
    const session = { auditSessionId: 'session-1', sessionBase: base };
    await saveEvidence(db, { ...base, title: 'Delayed ISA' }, ACTOR, session);
    await saveEvidence(db, { ...base, title: 'Delayed ISA transfer' }, ACTOR, session);
    await saveEvidence(db, { ...base, title: 'Delayed ISA transfer', narrative: 'The customer rang.' }, ACTOR, session);
    const history = await evidenceHistory(db, portfolio.id, created.id);
    expect(history.map((entry) => entry.summary)).toEqual(['Changed the title and the narrative of reflective account “Delayed ISA transfer”.', 'Added reflective account (untitled).']);
    // Putting it back as it was is still recorded, never silently dropped.
    await saveEvidence(db, base, ACTOR, session);
    expect((await evidenceHistory(db, portfolio.id, created.id))[0]?.summary).toBe('Edited reflective account (untitled), then put it back as it was.');
  });

  it('never overwrites another record’s audit entry when given its id as a session', async () => {
    const db = freshDb();
    const portfolio = await withPortfolio(db);
    const first = await createEvidence(db, portfolio.id, 'observation', ACTOR);
    const second = await createEvidence(db, portfolio.id, 'observation', ACTOR);
    const firstEntry = (await evidenceHistory(db, portfolio.id, first.id))[0];
    await saveEvidence(db, { ...toEvidenceItem(second), title: 'Other' }, ACTOR, { auditSessionId: firstEntry?.id ?? '' });
    expect((await evidenceHistory(db, portfolio.id, first.id))[0]).toEqual(firstEntry);
  });

  it('a form holding an old attachment list cannot drop a file added since (attachments change only through their own functions)', async () => {
    const db = freshDb();
    const portfolio = await withPortfolio(db);
    const created = await createEvidence(db, portfolio.id, 'case-log', ACTOR);
    const prepared = await prepareAttachment(new Blob([pngBytes(1)]), 'log.png');
    if (!prepared.ok) throw new Error(prepared.message);
    await addAttachments(db, created.portfolioId, created.id, [prepared.attachment], ACTOR);
    await saveEvidence(db, { ...toEvidenceItem(created), title: 'Log' }, ACTOR);
    const stored = await getEvidence(db, created.portfolioId, created.id);
    expect(stored?.attachments.map((attachment) => attachment.name)).toEqual(['log.png']);
    await expectHashCurrent(stored);
  });

  it('concurrent save and attach both land, and the hash matches the final item', async () => {
    const db = freshDb();
    const portfolio = await withPortfolio(db);
    const created = await createEvidence(db, portfolio.id, 'case-log', ACTOR);
    const prepared = await prepareAttachment(new Blob([pngBytes(2)]), 'log.png');
    if (!prepared.ok) throw new Error(prepared.message);
    await Promise.all([saveEvidence(db, { ...toEvidenceItem(created), title: 'Complaint log' }, ACTOR), addAttachments(db, created.portfolioId, created.id, [prepared.attachment], ACTOR)]);
    const stored = await getEvidence(db, created.portfolioId, created.id);
    expect(stored?.title).toBe('Complaint log');
    expect(stored?.attachments).toHaveLength(1);
    await expectHashCurrent(stored);
  });

  it('saving an item that was deleted meanwhile says so and does not bring it back', async () => {
    const db = freshDb();
    const portfolio = await withPortfolio(db);
    const created = await createEvidence(db, portfolio.id, 'observation', ACTOR);
    await deleteEvidence(db, created.portfolioId, created.id, ACTOR);
    await expect(saveEvidence(db, { ...toEvidenceItem(created), title: 'Late edit' }, ACTOR)).rejects.toThrow('This evidence has been deleted');
    expect(await getEvidence(db, created.portfolioId, created.id)).toBeUndefined();
  });
});

describe('deleting and undoing', () => {
  it('moves an item with its mappings and comments into the trash in one go, and undo restores exactly', async () => {
    const db = freshDb();
    const portfolio = await withPortfolio(db);
    const created = await createEvidence(db, portfolio.id, 'reflective-account', ACTOR);
    const { item: saved } = await saveEvidence(db, { ...toEvidenceItem(created), title: 'Complaint', narrative: 'One.\n\nTwo.' }, ACTOR);
    await addMapping(db, { portfolioId: created.portfolioId, evidenceId: created.id, markingPointId: 'CS2.1.2', locator: { kind: 'paragraph', paragraph: 2 }, justification: 'I followed HEAT.' }, ACTOR);
    await addMapping(db, { portfolioId: created.portfolioId, evidenceId: created.id, markingPointId: 'CS5.2.1', locator: { kind: 'paragraph', paragraph: 1 }, justification: 'Followed the procedure.' }, ACTOR);
    await db.comments.add({ id: 'c1', portfolioId: portfolio.id, evidenceId: created.id, author: 'Assessor', text: 'Good.', createdAt: '2026-01-01T00:00:00.000Z' });
    const mappingsBefore = await mappingsForEvidence(db, created.portfolioId, created.id);

    const entry = await deleteEvidence(db, created.portfolioId, created.id, ACTOR);
    expect(entry.summary).toBe('Deleted reflective account “Complaint” with its 2 mappings and 1 comment.');
    expect(await getEvidence(db, created.portfolioId, created.id)).toBeUndefined();
    expect(await db.mappings.count()).toBe(0);
    expect(await db.comments.count()).toBe(0);
    expect((await listTrash(db, portfolio.id)).map((trash) => trash.id)).toEqual([entry.id]);

    await restoreFromTrash(db, entry.portfolioId, entry.id, ACTOR);
    expect(await getEvidence(db, created.portfolioId, created.id)).toEqual(saved);
    expect(await mappingsForEvidence(db, created.portfolioId, created.id)).toEqual(mappingsBefore);
    expect(await db.comments.get([portfolio.id, 'c1'])).toMatchObject({ text: 'Good.' });
    expect(await listTrash(db, portfolio.id)).toEqual([]);
    const history = await evidenceHistory(db, portfolio.id, created.id);
    expect(history[0]).toMatchObject({ action: 'restore', summary: 'Undone: deleted reflective account “Complaint” with its 2 mappings and 1 comment.' });
    expect(history[1]).toMatchObject({ action: 'delete' });
  });

  it('undo twice is refused with a plain message and changes nothing', async () => {
    const db = freshDb();
    const portfolio = await withPortfolio(db);
    const created = await createEvidence(db, portfolio.id, 'observation', ACTOR);
    const entry = await deleteEvidence(db, created.portfolioId, created.id, ACTOR);
    await restoreFromTrash(db, entry.portfolioId, entry.id, ACTOR);
    const auditCount = await db.audit.count();
    await expect(restoreFromTrash(db, entry.portfolioId, entry.id, ACTOR)).rejects.toThrow('There is nothing to undo');
    expect(await db.audit.count()).toBe(auditCount);
    expect(await listEvidence(db, portfolio.id)).toHaveLength(1);
  });

  it('a restore that cannot complete leaves everything as it was (one transaction)', async () => {
    const db = freshDb();
    const portfolio = await withPortfolio(db);
    const created = await createEvidence(db, portfolio.id, 'observation', ACTOR);
    const entry = await deleteEvidence(db, created.portfolioId, created.id, ACTOR);
    // Something else has put an item with the same id back in the meantime.
    await db.evidence.add({ ...created, title: 'Imported copy' });
    const trashBefore = await db.trash.toArray();
    await expect(restoreFromTrash(db, entry.portfolioId, entry.id, ACTOR)).rejects.toThrow('already back');
    expect(await db.trash.toArray()).toEqual(trashBefore);
    expect((await getEvidence(db, created.portfolioId, created.id))?.title).toBe('Imported copy');
  });

  it('deleting keeps items apart: only the chosen item and its own mappings go', async () => {
    const db = freshDb();
    const portfolio = await withPortfolio(db);
    const keep = await createEvidence(db, portfolio.id, 'work-product', ACTOR, { title: 'Keep' });
    const drop = await createEvidence(db, portfolio.id, 'work-product', ACTOR, { title: 'Drop' });
    const note = { kind: 'note' as const, text: 'Whole document' };
    await addMapping(db, { portfolioId: keep.portfolioId, evidenceId: keep.id, markingPointId: 'CS1.3.2', locator: note, justification: 'Revised procedure.' }, ACTOR);
    await addMapping(db, { portfolioId: drop.portfolioId, evidenceId: drop.id, markingPointId: 'CS1.3.2', locator: note, justification: 'Also.' }, ACTOR);
    await deleteEvidence(db, drop.portfolioId, drop.id, ACTOR);
    expect((await listEvidence(db, portfolio.id)).map((item) => item.title)).toEqual(['Keep']);
    expect((await db.mappings.toArray()).map((mapping) => mapping.evidenceId)).toEqual([keep.id]);
  });
});

describe('reading for the list', () => {
  it('reads the most recently changed items first from the index, and counts per portfolio', async () => {
    const db = freshDb();
    const portfolio = await withPortfolio(db);
    const other = await withPortfolio(db, 'Alex Byrne');
    const made = [];
    for (let index = 0; index < 5; index++) {
      made.push(await createEvidence(db, portfolio.id, 'work-product', ACTOR, { title: `Item ${index}`, now: new Date(Date.UTC(2026, 0, 1 + index)) }));
    }
    await createEvidence(db, other.id, 'observation', ACTOR);
    // Changing the oldest makes it the most recent.
    const oldest = made[0];
    if (!oldest) throw new Error('no item');
    await saveEvidence(db, { ...toEvidenceItem(oldest), title: 'Item 0, changed' }, ACTOR, { now: new Date(Date.UTC(2026, 5, 1)) });
    expect((await recentEvidence(db, portfolio.id, 3)).map((item) => item.title)).toEqual(['Item 0, changed', 'Item 4', 'Item 3']);
    expect(await countEvidence(db, portfolio.id)).toBe(5);
    expect(Object.fromEntries(await evidenceCountsByPortfolio(db))).toEqual({ [portfolio.id]: 5, [other.id]: 1 });
    const first = made[1];
    if (!first) throw new Error('no item');
    const mapping = await addMapping(db, { portfolioId: first.portfolioId, evidenceId: first.id, markingPointId: 'CS1.3.2', locator: { kind: 'page', page: 1 }, justification: 'Shows it.' }, ACTOR);
    expect(await mappingsOfEvidence(db, portfolio.id, [first.id, made[2]?.id ?? ''])).toEqual([mapping]);
    expect(await mappingsOfEvidence(db, portfolio.id, [])).toEqual([]);
  });
});
