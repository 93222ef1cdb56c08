import { describe, expect, it } from 'vitest';
import { createEvidence, saveEvidence, toEvidenceItem } from '../../renderer/src/db/evidence-repo';
import { addMapping, claimCounts, evidenceForMarkingPoint, listMappings, MappingError, mappingsForEvidence, removeMapping, updateMapping } from '../../renderer/src/db/mappings-repo';
import { restoreFromTrash } from '../../renderer/src/db/trash-repo';
import { ACTOR, freshDb, withPortfolio } from './evidence-helpers';

async function setUp() {
  const db = freshDb();
  const portfolio = await withPortfolio(db);
  const account = await createEvidence(db, portfolio.id, 'reflective-account', ACTOR, { title: 'Late ISA transfer', activityDate: '2026-02-01' });
  await saveEvidence(db, { ...toEvidenceItem(account), narrative: 'First paragraph.\n\nSecond paragraph.\n\n- a list counts as one' }, ACTOR);
  const call = await createEvidence(db, portfolio.id, 'call-recording', ACTOR, { title: 'Recorded call', activityDate: '2026-01-15' });
  await saveEvidence(db, { ...toEvidenceItem(call), details: { type: 'call-recording', consent: 'Recorded line, caller informed.', durationSeconds: 300 } }, ACTOR);
  return { db, portfolio, account, call };
}

const problemFields = async (promise: Promise<unknown>): Promise<string[]> => {
  const error = await promise.then(() => undefined, (caught: unknown) => caught);
  return error instanceof MappingError ? error.problems.map((problem) => problem.field) : [`not a MappingError: ${String(error)}`];
};

describe('mapping evidence to marking points', () => {
  it('maps one item to marking points of several units (holistic), each with a locator and justification', async () => {
    const { db, portfolio, account, call } = await setUp();
    await addMapping(db, { portfolioId: account.portfolioId, evidenceId: account.id, markingPointId: 'CS5.2.1', locator: { kind: 'paragraph', paragraph: 2 }, justification: ' I logged it and escalated. ' }, ACTOR);
    await addMapping(db, { portfolioId: account.portfolioId, evidenceId: account.id, markingPointId: 'CS2.1.2', locator: { kind: 'paragraph', paragraph: 1 }, justification: 'HEAT, stage by stage.' }, ACTOR);
    await addMapping(db, { portfolioId: call.portfolioId, evidenceId: call.id, markingPointId: 'CS5.2.1', locator: { kind: 'time', startSeconds: 30, endSeconds: 95 }, justification: 'The call shows it.' }, ACTOR);

    const forAccount = await mappingsForEvidence(db, account.portfolioId, account.id);
    expect(forAccount.map((mapping) => mapping.markingPointId)).toEqual(['CS2.1.2', 'CS5.2.1']);
    expect(forAccount[1]?.justification).toBe('I logged it and escalated.');

    const claims = await evidenceForMarkingPoint(db, portfolio.id, 'CS5.2.1');
    expect(claims.map((claim) => [claim.item.title, claim.mapping.locator])).toEqual([
      ['Recorded call', { kind: 'time', startSeconds: 30, endSeconds: 95 }],
      ['Late ISA transfer', { kind: 'paragraph', paragraph: 2 }],
    ]);
    expect(Object.fromEntries(await claimCounts(db, portfolio.id))).toEqual({ 'CS5.2.1': 2, 'CS2.1.2': 1 });
    const audit = (await db.audit.toArray()).filter((entry) => entry.entity === 'mapping').map((entry) => entry.summary);
    expect(audit).toContain('Call recording “Recorded call” mapped to CS5.2.1 (0:30 to 1:35).');
  });

  it('checks locators against the item: paragraphs that exist, times within the recording', async () => {
    const { db, account, call } = await setUp();
    expect(await problemFields(addMapping(db, { portfolioId: account.portfolioId, evidenceId: account.id, markingPointId: 'CS5.2.1', locator: { kind: 'paragraph', paragraph: 4 }, justification: 'x' }, ACTOR))).toEqual(['locator.paragraph']);
    expect(await problemFields(addMapping(db, { portfolioId: call.portfolioId, evidenceId: call.id, markingPointId: 'CS5.2.1', locator: { kind: 'time', startSeconds: 200, endSeconds: 301 }, justification: 'x' }, ACTOR))).toEqual(['locator.endSeconds']);
    expect(await problemFields(addMapping(db, { portfolioId: call.portfolioId, evidenceId: call.id, markingPointId: 'CS5.2.1', locator: { kind: 'time', startSeconds: 90, endSeconds: 30 }, justification: 'x' }, ACTOR))).toEqual(['locator.endSeconds']);
    expect(await problemFields(addMapping(db, { portfolioId: call.portfolioId, evidenceId: call.id, markingPointId: 'CS5.2.1', locator: { kind: 'page', page: 0 }, justification: '' }, ACTOR))).toEqual(['locator.page', 'justification']);
    expect(await db.mappings.count()).toBe(0);
  });

  it('refuses marking points that are not in the portfolio’s qualification, and mapping the same point twice', async () => {
    const { db, account } = await setUp();
    expect(await problemFields(addMapping(db, { portfolioId: account.portfolioId, evidenceId: account.id, markingPointId: 'CS9.9.9', locator: { kind: 'paragraph', paragraph: 1 }, justification: 'x' }, ACTOR))).toEqual(['markingPointId']);
    await addMapping(db, { portfolioId: account.portfolioId, evidenceId: account.id, markingPointId: 'CS5.2.1', locator: { kind: 'paragraph', paragraph: 1 }, justification: 'x' }, ACTOR);
    expect(await problemFields(addMapping(db, { portfolioId: account.portfolioId, evidenceId: account.id, markingPointId: 'CS5.2.1', locator: { kind: 'paragraph', paragraph: 2 }, justification: 'y' }, ACTOR))).toEqual(['markingPointId']);
    expect(await db.mappings.count()).toBe(1);
  });

  it('changes a mapping’s locator and justification, with validation', async () => {
    const { db, account } = await setUp();
    const mapping = await addMapping(db, { portfolioId: account.portfolioId, evidenceId: account.id, markingPointId: 'CS5.2.1', locator: { kind: 'paragraph', paragraph: 1 }, justification: 'x' }, ACTOR);
    const updated = await updateMapping(db, mapping.portfolioId, mapping.id, { locator: { kind: 'note', text: ' Stage 3 ' }, justification: 'Better reason.' }, ACTOR);
    expect(updated).toMatchObject({ locator: { kind: 'note', text: 'Stage 3' }, justification: 'Better reason.', markingPointId: 'CS5.2.1', createdAt: mapping.createdAt });
    await expect(updateMapping(db, mapping.portfolioId, mapping.id, { locator: { kind: 'paragraph', paragraph: 9 }, justification: 'x' }, ACTOR)).rejects.toBeInstanceOf(MappingError);
    expect(await db.mappings.get([mapping.portfolioId, mapping.id])).toEqual(updated);
  });

  it('removing a mapping can be undone', async () => {
    const { db, portfolio, account } = await setUp();
    const mapping = await addMapping(db, { portfolioId: account.portfolioId, evidenceId: account.id, markingPointId: 'CS5.2.1', locator: { kind: 'paragraph', paragraph: 1 }, justification: 'x' }, ACTOR);
    const entry = await removeMapping(db, mapping.portfolioId, mapping.id, ACTOR);
    expect(await listMappings(db, portfolio.id)).toEqual([]);
    await restoreFromTrash(db, entry.portfolioId, entry.id, ACTOR);
    expect(await listMappings(db, portfolio.id)).toEqual([mapping]);
  });
});
