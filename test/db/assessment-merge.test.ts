import { describe, expect, it } from 'vitest';
import { recordStatus } from '../../core/integrity/verify';
import type { PackageManifest } from '../../core/package/manifest';
import { memoryByteSink, memoryByteSource } from '../../core/package/byte-io';
import { readPackage } from '../../core/package/reader';
import { writePackage } from '../../core/package/writer';
import type { AppDB } from '../../renderer/src/db/app-db';
import { addActionPlanItem, addComment, loadAssessment, recordDecision, setActionStatus, signOffUnit, verifyContent } from '../../renderer/src/db/assessment-repo';
import { MergeRefusedError, describeCounts, hasAssessorWork, mergeAssessorWork, mergeLearnerWork, planAssessmentMerge, type AssessorRecords } from '../../renderer/src/db/assessment-merge';
import { applyImport, collectPackage } from '../../renderer/src/db/package-repo';
import { ASSESSOR, actAs, editEvidence, evidenceItem, freshDb, seedPortfolio, stored } from './assessment-fixtures';

/** A package as it travels: written to bytes and read back by the real reader. */
async function travel(db: AppDB, portfolioId: string): Promise<PackageManifest> {
  const { manifest, attachments } = await collectPackage(db, portfolioId);
  const sink = memoryByteSink();
  await writePackage(manifest, attachments, sink);
  const read = await readPackage(memoryByteSource(sink.bytes()));
  if (!read.ok) throw new Error(read.problems.map((problem) => problem.message).join('\n'));
  return read.manifest;
}

const noAttachments = async (): Promise<Uint8Array> => {
  throw new Error('no attachments in this test');
};

/** The learner's portfolio, and the assessor's copy of it marked with feedback and a plan. */
async function markedReturn() {
  const learner = await freshDb('learner');
  const seeded = await seedPortfolio(learner);
  const portfolioId = seeded.portfolio.id;
  const assessor = await freshDb('assessor');
  await applyImport(assessor, await travel(learner, portfolioId), noAttachments, 'add', 'Priya Shah');
  await actAs(assessor, 'assessor', ASSESSOR);
  for (const [index, point] of seeded.points.entries()) {
    await recordDecision(assessor, { portfolioId, markingPointId: point, status: 'met', feedback: `Good evidence for ${point}.` }, new Date(Date.parse('2026-11-02T09:00:00Z') + index * 1000));
  }
  await signOffUnit(assessor, { portfolioId, unitId: seeded.unit.id });
  const action = await addActionPlanItem(assessor, { portfolioId, action: 'Add a witness testimony from your team leader.', targetDate: '2026-12-01', unitId: seeded.unit.id });
  await addComment(assessor, { portfolioId, evidenceId: 'ev-1', text: 'Clear use of HEAT.' });
  return { learner, assessor, seeded, portfolioId, action };
}

describe('bringing the assessor’s work into the learner’s portfolio', () => {
  it('merges decisions, sign-off, action plan, comments and declarations, keeps the learner’s newer edits, and their decisions go stale', async () => {
    const { learner, assessor, seeded, portfolioId } = await markedReturn();
    // Meanwhile the learner improves an item the assessor has since judged.
    await editEvidence(learner, 'ev-1', 'My improved account, written after I sent the portfolio.');
    const returned = await travel(assessor, portfolioId);
    expect(hasAssessorWork(returned)).toBe(true);

    const result = await mergeAssessorWork(learner, returned, 'Tom Brennan');
    expect(result.counts).toMatchObject({ decisions: seeded.points.length, signOffs: 1, actionPlan: 1, comments: 1, declarations: 1 });
    expect(describeCounts(result.counts)).toContain(`${seeded.points.length} decisions`);

    const loaded = await loadAssessment(learner, portfolioId);
    if (!loaded) throw new Error('the portfolio should load');
    const { content, contentHashes } = loaded;
    expect(content.evidence.find((item) => item.id === 'ev-1')?.narrative).toBe('My improved account, written after I sent the portfolio.');
    expect(content.evidence).toHaveLength(seeded.evidence.length);
    expect(content.actionPlan[0]?.action).toBe('Add a witness testimony from your team leader.');
    expect(content.comments[0]?.text).toBe('Clear use of HEAT.');
    const report = await verifyContent(content, contentHashes, undefined);
    const onFirst = content.decisions.find((decision) => decision.evidence.some((judged) => judged.evidenceId === 'ev-1'));
    const others = content.decisions.filter((decision) => decision !== onFirst);
    expect(recordStatus(report, 'decision', onFirst!.id)).toBe('stale');
    for (const decision of others) expect(recordStatus(report, 'decision', decision.id)).toBe('ok');
    expect(recordStatus(report, 'unit-sign-off', content.signOffs[0]!.id)).toBe('stale');
    expect(content.audit.some((entry) => entry.action === 'import' && /Brought in the assessor’s work/.test(entry.summary))).toBe(true);
    expect(content.audit.some((entry) => entry.entity === 'decision' && entry.actor === 'Priya Shah')).toBe(true);

    // Bringing the same package in again changes nothing.
    const before = await learner.audit.count();
    const again = await mergeAssessorWork(learner, returned, 'Tom Brennan');
    expect(describeCounts(again.counts)).toBe('nothing new');
    expect(again.alreadyHere).toBeGreaterThan(0);
    expect(await learner.audit.count()).toBe(before);
  });

  it('takes the assessor’s later changes to the action plan', async () => {
    const { learner, assessor, portfolioId, action } = await markedReturn();
    await mergeAssessorWork(learner, await travel(assessor, portfolioId), 'Tom Brennan');
    await setActionStatus(assessor, action.id, 'done');
    const result = await mergeAssessorWork(learner, await travel(assessor, portfolioId), 'Tom Brennan');
    expect(result.counts.actionPlan).toBe(1);
    expect((await learner.actionPlan.get(action.id))?.status).toBe('done');
  });

  it('refuses a package with a forged decision, and changes nothing', async () => {
    const { learner, assessor, portfolioId } = await markedReturn();
    const returned = await travel(assessor, portfolioId);
    // The learner "improves" a judgement in the package before bringing it in.
    const forged: PackageManifest = { ...returned, decisions: returned.decisions.map((decision, index) => (index === 0 ? { ...decision, feedback: 'Outstanding work, distinction level.' } : decision)) };
    const before = { decisions: await learner.decisions.count(), audit: await learner.audit.count(), actions: await learner.actionPlan.count() };
    const refused = mergeAssessorWork(learner, forged, 'Tom Brennan');
    await expect(refused).rejects.toBeInstanceOf(MergeRefusedError);
    await expect(mergeAssessorWork(learner, forged, 'Tom Brennan')).rejects.toThrow(/does not match its signature/);
    expect({ decisions: await learner.decisions.count(), audit: await learner.audit.count(), actions: await learner.actionPlan.count() }).toEqual(before);
  });

  it('refuses when the portfolio is not here or is for another qualification version', async () => {
    const { assessor, portfolioId } = await markedReturn();
    const returned = await travel(assessor, portfolioId);
    const empty = await freshDb('empty');
    await expect(mergeAssessorWork(empty, returned, 'Tom Brennan')).rejects.toThrow(/not in the app/);
    const other = await freshDb('other');
    await applyImport(other, returned, noAttachments, 'add', 'Tom Brennan');
    await other.portfolios.update(portfolioId, { qualificationVersion: '1999.1' });
    await expect(mergeAssessorWork(other, returned, 'Tom Brennan')).rejects.toThrow(/version 1999.1/);
  });
});

describe('bringing a learner’s updated evidence into the assessor’s caseload', () => {
  it('takes the learner’s evidence and mappings, keeps every decision and action of the assessor, and judged items that changed go stale', async () => {
    const { learner, assessor, seeded, portfolioId, action } = await markedReturn();
    // The learner never brought the marking in; they rewrite one item, add one and delete another.
    await editEvidence(learner, 'ev-1', 'Rewritten with the witness statement added.');
    await learner.evidence.add(await stored(evidenceItem(portfolioId, 'ev-new', 'Witness testimony from my team leader')));
    await learner.mappings.add({ id: 'map-new', portfolioId, evidenceId: 'ev-new', markingPointId: seeded.points[1]!, createdAt: '2026-11-10T09:00:00.000Z' });
    await learner.mappings.where('evidenceId').equals('ev-2').delete();
    await learner.evidence.delete('ev-2');
    const update = await travel(learner, portfolioId);

    const decisionsBefore = await assessor.decisions.count();
    const result = await mergeLearnerWork(assessor, update, noAttachments, 'Priya Shah');
    expect(result.evidence).toEqual({ added: 1, changed: 1, removed: 1 });
    expect(await assessor.decisions.count()).toBe(decisionsBefore);
    expect((await assessor.evidence.get('ev-1'))?.narrative).toBe('Rewritten with the witness statement added.');
    expect(await assessor.evidence.get('ev-2')).toBeUndefined();
    expect(await assessor.mappings.get('map-new')).toBeDefined();
    expect((await assessor.actionPlan.get(action.id))?.action).toBe(action.action);

    const loaded = await loadAssessment(assessor, portfolioId);
    if (!loaded) throw new Error('the portfolio should load');
    const report = await verifyContent(loaded.content, loaded.contentHashes, undefined);
    const kinds = new Map(loaded.content.decisions.map((decision) => [decision.evidence[0]?.evidenceId, recordStatus(report, 'decision', decision.id)]));
    expect(kinds.get('ev-1')).toBe('stale');
    expect(kinds.get('ev-2')).toBe('stale');
    expect(kinds.get('ev-3') ?? 'ok').toBe('ok');
    expect(loaded.content.audit.some((entry) => /Brought in the learner’s evidence/.test(entry.summary))).toBe(true);
  });

  it('refuses a learner’s package holding a forged decision, and changes nothing', async () => {
    const { learner, assessor, portfolioId } = await markedReturn();
    await mergeAssessorWork(learner, await travel(assessor, portfolioId), 'Tom Brennan');
    const update = await travel(learner, portfolioId);
    const forged: PackageManifest = { ...update, decisions: update.decisions.map((decision) => ({ ...decision, status: 'met' as const, feedback: `${decision.feedback} Excellent.` })) };
    const before = await assessor.evidence.toArray();
    await expect(mergeLearnerWork(assessor, forged, noAttachments, 'Priya Shah')).rejects.toBeInstanceOf(MergeRefusedError);
    expect(await assessor.evidence.toArray()).toEqual(before);
  });
});

describe('planAssessmentMerge', () => {
  const none: AssessorRecords = { decisions: [], signOffs: [], iqaSamples: [], declarations: [], actionPlan: [], comments: [], audit: [] };
  const comment = (id: string, portfolioId = 'p1') => ({ id, portfolioId, evidenceId: 'e1', author: 'A', text: id, createdAt: '2026-11-01T00:00:00.000Z' });
  const action = (id: string, status: 'open' | 'done') => ({ id, portfolioId: 'p1', action: 'Do it', status, createdBy: 'A', createdAt: '2026-11-01T00:00:00.000Z' });

  it('adds only new records of this portfolio, once each, and keeps records already here as they are', () => {
    const plan = planAssessmentMerge('p1', { ...none, comments: [comment('c1')] }, { ...none, comments: [comment('c1'), comment('c2'), comment('c2'), comment('c3', 'other')] });
    expect(plan.comments.map((entry) => entry.id)).toEqual(['c2']);
    expect(plan.alreadyHere).toBe(1);
  });

  it('replaces an action only when the assessor changed it', () => {
    const plan = planAssessmentMerge('p1', { ...none, actionPlan: [action('a1', 'open'), action('a2', 'open')] }, { ...none, actionPlan: [action('a1', 'open'), action('a2', 'done'), action('a3', 'open')] });
    expect(plan.actionPlan.map((item) => `${item.id}:${item.status}`)).toEqual(['a2:done', 'a3:open']);
    expect(plan.counts.actionPlan).toBe(2);
  });

  it('describes counts in plain words', () => {
    expect(describeCounts({ decisions: 1, signOffs: 0, iqaSamples: 0, declarations: 0, actionPlan: 2, comments: 1 })).toBe('1 decision, 2 actions and 1 comment');
  });
});
