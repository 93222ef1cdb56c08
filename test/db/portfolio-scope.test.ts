/**
 * Every portfolio record is keyed within its own portfolio: two learners' packages that use
 * the same ids (a copied template, the same demo seed, or a hostile package) can share an
 * assessor's database and a package can only ever touch its own portfolio.
 */
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import type { PackageManifest } from '../../core/package/manifest';
import { addActionPlanItem, addComment, recordDecision } from '../../renderer/src/db/assessment-repo';
import { mergeLearnerWork } from '../../renderer/src/db/assessment-merge';
import { readPortfolioRecords } from '../../renderer/src/db/content-repo';
import { deleteEvidence } from '../../renderer/src/db/evidence-repo';
import { applyImport } from '../../renderer/src/db/package-repo';
import { updatePortfolioDetails } from '../../renderer/src/db/portfolios-repo';
import { restoreFromTrash } from '../../renderer/src/db/trash-repo';
import { ASSESSOR, actAs, editEvidence, freshDb, seedPortfolio, travel, noAttachments } from './assessment-fixtures';

// Ids made predictable, so two separate sessions mint the same ones (as two copies of one
// template would): every id after `sameIdsFromHere()` repeats the same sequence.
let minted = 0;
let isRepeating = false;
function sameIdsFromHere(): void {
  isRepeating = true;
  minted = 0;
}
function uniqueIdsFromHere(): void {
  isRepeating = false;
}
beforeEach(() => {
  let unique = 0;
  uniqueIdsFromHere();
  vi.spyOn(globalThis.crypto, 'randomUUID').mockImplementation(() => {
    const n = isRepeating ? ++minted : ++unique + 1_000_000;
    return `00000000-0000-4000-8000-${String(n).padStart(12, '0')}` as ReturnType<Crypto['randomUUID']>;
  });
});
afterEach(() => {
  vi.restoreAllMocks();
});

/** Two learners whose portfolios hold the same evidence and mapping ids, both in one assessor's caseload, marked with colliding ids too. */
async function twoLearnersOneAssessor() {
  const learnerA = await freshDb('learner-a');
  const a = await seedPortfolio(learnerA);
  const learnerB = await freshDb('learner-b');
  const b = await seedPortfolio(learnerB);
  await updatePortfolioDetails(learnerB, b.portfolio.id, { learnerName: 'Asha Patel', learnerNumber: 'L-0077', centreName: 'Northgate College' }, 'Asha Patel');
  expect(a.evidence.map((item) => item.id)).toEqual(b.evidence.map((item) => item.id));

  const assessor = await freshDb('assessor');
  await applyImport(assessor, await travel(learnerA, a.portfolio.id), noAttachments, 'add', ASSESSOR.name);
  await applyImport(assessor, await travel(learnerB, b.portfolio.id), noAttachments, 'add', ASSESSOR.name);
  await actAs(assessor, 'assessor', ASSESSOR);
  // The signing key is made on first use: make it before the two marking sessions, so both mint the same ids.
  await recordDecision(assessor, { portfolioId: a.portfolio.id, markingPointId: a.points[1]!, status: 'met', feedback: 'Warm-up.' }, new Date('2026-11-01T09:00:00Z'));

  const mark = async (portfolioId: string, point: string) => {
    sameIdsFromHere();
    const decision = await recordDecision(assessor, { portfolioId, markingPointId: point, status: 'not-yet', feedback: 'Say how you followed it up.' }, new Date('2026-11-02T09:00:00Z'));
    const action = await addActionPlanItem(assessor, { portfolioId, action: 'Add the follow-up call.', targetDate: '2026-12-01' }, new Date('2026-11-02T09:01:00Z'));
    const comment = await addComment(assessor, { portfolioId, evidenceId: 'ev-1', text: 'Good start.' }, new Date('2026-11-02T09:02:00Z'));
    return { decision, action, comment };
  };
  const markedA = await mark(a.portfolio.id, a.points[0]!);
  const markedB = await mark(b.portfolio.id, b.points[0]!);
  uniqueIdsFromHere();
  // The collisions this test is about really happened.
  expect(markedB.decision.id).toBe(markedA.decision.id);
  expect(markedB.action.id).toBe(markedA.action.id);
  expect(markedB.comment.id).toBe(markedA.comment.id);
  return { learnerA, learnerB, assessor, a, b, markedA, markedB };
}

describe('portfolio-scoped records', () => {
  it('keeps two learners’ packages with colliding evidence, action plan and decision ids apart in one assessor’s database', async () => {
    const { learnerB, assessor, a, b, markedA, markedB } = await twoLearnersOneAssessor();
    const aBefore = await readPortfolioRecords(assessor, a.portfolio.id);
    expect(aBefore.evidence).toHaveLength(a.evidence.length);
    expect(aBefore.decisions.map((decision) => decision.id)).toContain(markedA.decision.id);

    // Learner B rewrites ev-1 and (hostile, or by accident) sends an action with learner A's action id.
    await editEvidence(learnerB, b.portfolio.id, 'ev-1', 'Learner B’s rewritten account.');
    await learnerB.actionPlan.add({ ...markedA.action, portfolioId: b.portfolio.id, action: 'Nothing more to do.', status: 'done' });
    const result = await mergeLearnerWork(assessor, await travel(learnerB, b.portfolio.id), noAttachments, ASSESSOR.name);
    expect(result.evidence).toEqual({ added: 0, changed: 1, removed: 0 });

    // Learner A's portfolio is exactly as it was, row for row.
    expect(await readPortfolioRecords(assessor, a.portfolio.id)).toEqual(aBefore);
    const bAfter = await readPortfolioRecords(assessor, b.portfolio.id);
    expect(bAfter.evidence.find((item) => item.id === 'ev-1')?.narrative).toBe('Learner B’s rewritten account.');
    // The assessor's own action for B is kept as they wrote it.
    expect(bAfter.actionPlan.find((item) => item.id === markedB.action.id)).toMatchObject({ action: 'Add the follow-up call.', status: 'open' });
    expect(bAfter.decisions.find((decision) => decision.id === markedB.decision.id)?.markingPointId).toBe(b.points[0]);
    expect(bAfter.comments.map((comment) => comment.id)).toEqual([markedB.comment.id]);
  });

  it('replaces one learner’s portfolio without touching the other’s rows with the same ids', async () => {
    const { learnerB, assessor, a, b, markedB } = await twoLearnersOneAssessor();
    const aBefore = await readPortfolioRecords(assessor, a.portfolio.id);
    await applyImport(assessor, await travel(learnerB, b.portfolio.id), noAttachments, 'replace', ASSESSOR.name);
    expect(await readPortfolioRecords(assessor, a.portfolio.id)).toEqual(aBefore);
    const bAfter = await readPortfolioRecords(assessor, b.portfolio.id);
    expect(bAfter.evidence).toHaveLength(b.evidence.length);
    // The learner's package holds no marking; what the assessor signed here for B is put back, and only B's.
    expect(bAfter.decisions.map((decision) => decision.id)).toEqual([markedB.decision.id]);
    expect(bAfter.decisions.every((decision) => decision.portfolioId === b.portfolio.id)).toBe(true);
  });

  it('deletes and puts back one learner’s item without touching the other’s item with the same id', async () => {
    const { assessor, a, b } = await twoLearnersOneAssessor();
    const aBefore = await readPortfolioRecords(assessor, a.portfolio.id);
    const entry = await deleteEvidence(assessor, b.portfolio.id, 'ev-1', ASSESSOR.name);
    expect(await readPortfolioRecords(assessor, a.portfolio.id)).toEqual(aBefore);
    expect((await readPortfolioRecords(assessor, b.portfolio.id)).evidence.some((item) => item.id === 'ev-1')).toBe(false);
    await restoreFromTrash(assessor, b.portfolio.id, entry.id, ASSESSOR.name);
    expect((await readPortfolioRecords(assessor, b.portfolio.id)).evidence.some((item) => item.id === 'ev-1')).toBe(true);
    expect(await readPortfolioRecords(assessor, a.portfolio.id)).toEqual(aBefore);
  });

  it('refuses a package whose records claim to belong to another portfolio, and changes nothing', async () => {
    const { learnerA, assessor, a, b } = await twoLearnersOneAssessor();
    const bBefore = await readPortfolioRecords(assessor, b.portfolio.id);
    const update = await travel(learnerA, a.portfolio.id);
    // Past the reader's checks (a caller that skipped them): evidence labelled as B's.
    const hostile: PackageManifest = { ...update, evidence: update.evidence.map((item) => ({ ...item, portfolioId: b.portfolio.id, narrative: 'Overwritten.' })) };
    await expect(applyImport(assessor, hostile, noAttachments, 'replace', ASSESSOR.name)).rejects.toThrow(/belongs to another portfolio/);
    await mergeLearnerWork(assessor, hostile, noAttachments, ASSESSOR.name).catch(() => undefined);
    expect(await readPortfolioRecords(assessor, b.portfolio.id)).toEqual(bBefore);
  });
});
