import { describe, expect, it } from 'vitest';
import { computeCoverage } from '../../core/coverage/coverage';
import { recordStatus } from '../../core/integrity/verify';
import { formatKeyRegister, keyRegisterEntry } from '../../core/integrity/key-register';
import {
  AssessmentError,
  addActionPlanItem,
  addComment,
  loadAssessment,
  recordDecision,
  recordIqaSample,
  setActionStatus,
  signLearnerDeclaration,
  signOffUnit,
  verifyContent,
} from '../../renderer/src/db/assessment-repo';
import { LEARNER_DECLARATION_TEXT, unitReadiness } from '../../renderer/src/db/assessment-model';
import { ensureSigningKey, importKeyRegister, loadSigningKey } from '../../renderer/src/db/keys-repo';
import type { AppDB } from '../../renderer/src/db/app-db';
import { loadPortfolioContent } from '../../renderer/src/db/content-repo';
import { ASSESSOR, IQA, actAs, editEvidence, freshDb, seedPortfolio, type Seeded } from './assessment-fixtures';

async function view(db: AppDB, portfolioId: string) {
  const loaded = await loadAssessment(db, portfolioId);
  if (!loaded) throw new Error('the portfolio should load');
  return { ...loaded, report: await verifyContent(loaded.content, loaded.contentHashes, loaded.register) };
}

async function markAllMet(db: AppDB, seeded: Seeded, start = Date.parse('2026-11-02T09:00:00Z')): Promise<void> {
  for (const [index, point] of seeded.points.entries()) {
    await recordDecision(db, { portfolioId: seeded.portfolio.id, markingPointId: point, status: 'met', feedback: `Clear evidence for ${point}.` }, new Date(start + index * 1000));
  }
}

describe('assessor decisions', () => {
  it('signs a decision over the content hash of every item claiming the marking point, with audit entry and touched portfolio', async () => {
    const db = await freshDb();
    const seeded = await seedPortfolio(db);
    await actAs(db, 'assessor', ASSESSOR);
    const point = seeded.points[0]!;
    const decision = await recordDecision(db, { portfolioId: seeded.portfolio.id, markingPointId: point, status: 'met', feedback: '  Well explained.  ' }, new Date('2026-11-02T09:00:00Z'));
    expect(decision).toMatchObject({ markingPointId: point, status: 'met', feedback: 'Well explained.', decidedAt: '2026-11-02T09:00:00.000Z' });
    expect(decision.evidence).toEqual([{ evidenceId: 'ev-1', contentHash: seeded.evidence[0]!.contentHash }]);
    expect(decision.signer).toMatchObject({ role: 'assessor', name: 'Priya Shah', number: 'A1042', centre: 'Northgate College' });
    expect(decision.signer.keyFingerprint).toBe((await loadSigningKey(db))?.fingerprint);

    const { content, report } = await view(db, seeded.portfolio.id);
    expect(content.decisions).toHaveLength(1);
    expect(recordStatus(report, 'decision', decision.id)).toBe('ok');
    expect(content.audit.some((entry) => entry.entity === 'decision' && entry.action === 'sign' && entry.entityId === decision.id && entry.actor === 'Priya Shah')).toBe(true);
    expect(content.portfolio.updatedAt).toBe('2026-11-02T09:00:00.000Z');
  });

  it('turns stale when the learner edits a judged item, and a fresh decision is current again', async () => {
    const db = await freshDb();
    const seeded = await seedPortfolio(db);
    await actAs(db, 'assessor', ASSESSOR);
    const point = seeded.points[0]!;
    const first = await recordDecision(db, { portfolioId: seeded.portfolio.id, markingPointId: point, status: 'met', feedback: '' }, new Date('2026-11-02T09:00:00Z'));
    await editEvidence(db, 'ev-1', 'A different account altogether.');
    let current = await view(db, seeded.portfolio.id);
    expect(recordStatus(current.report, 'decision', first.id)).toBe('stale');
    const spec = current.content.qualification;
    const status = (loaded: typeof current) => computeCoverage(spec, loaded.content.mappings, loaded.content.decisions, loaded.contentHashes).units.flatMap((unit) => unit.learningOutcomes.flatMap((outcome) => outcome.markingPoints)).find((entry) => entry.id === point)?.status;
    expect(status(current)).toBe('stale');

    await recordDecision(db, { portfolioId: seeded.portfolio.id, markingPointId: point, status: 'not-yet', feedback: 'Say how you stopped it happening again.' }, new Date('2026-11-03T09:00:00Z'));
    current = await view(db, seeded.portfolio.id);
    expect(status(current)).toBe('not-yet');
  });

  it('refuses, changing nothing: learners, a missing profile, no evidence, unknown marking point, not-yet without feedback', async () => {
    const db = await freshDb();
    const seeded = await seedPortfolio(db);
    const input = { portfolioId: seeded.portfolio.id, markingPointId: seeded.points[0]!, status: 'met' as const, feedback: '' };
    await expect(recordDecision(db, input)).rejects.toThrow(/Only an assessor/);
    await actAs(db, 'assessor');
    await expect(recordDecision(db, input)).rejects.toThrow(/Fill in your name/);
    await actAs(db, 'assessor', ASSESSOR);
    await expect(recordDecision(db, { ...input, markingPointId: 'NOPE.1' })).rejects.toThrow(/not in this portfolio’s qualification/);
    const unclaimed = seeded.unit.id === 'CS1' ? 'CS2.1.1' : 'CS1.1.1';
    await expect(recordDecision(db, { ...input, markingPointId: unclaimed })).rejects.toThrow(/No evidence claims/);
    await expect(recordDecision(db, { ...input, status: 'not-yet', feedback: '  ' })).rejects.toThrow(/Write feedback/);
    await expect(recordDecision(db, { ...input, feedback: 'x'.repeat(5001) })).rejects.toThrow(/5,000 characters/);
    expect(await db.decisions.count()).toBe(0);
  });
});

describe('unit sign-off', () => {
  it('is refused until every marking point is met, current and valid; then signed with the assessor declaration', async () => {
    const db = await freshDb();
    const seeded = await seedPortfolio(db);
    await actAs(db, 'assessor', ASSESSOR);
    const unitInput = { portfolioId: seeded.portfolio.id, unitId: seeded.unit.id };
    await expect(signOffUnit(db, unitInput)).rejects.toThrow(/cannot be signed off yet: .* is not judged yet/);
    await markAllMet(db, seeded);
    await recordDecision(db, { portfolioId: seeded.portfolio.id, markingPointId: seeded.points[1]!, status: 'not-yet', feedback: 'Needs a witness.' }, new Date('2026-11-02T10:00:00Z'));
    await expect(signOffUnit(db, unitInput)).rejects.toThrow(/judged not yet met/);
    await recordDecision(db, { portfolioId: seeded.portfolio.id, markingPointId: seeded.points[1]!, status: 'met', feedback: 'Now there is.' }, new Date('2026-11-02T11:00:00Z'));
    await editEvidence(db, 'ev-1', 'Changed after judging.');
    await expect(signOffUnit(db, unitInput)).rejects.toThrow(/evidence has changed since it was judged/);
    await recordDecision(db, { portfolioId: seeded.portfolio.id, markingPointId: seeded.points[0]!, status: 'met', feedback: 'Still fine.' }, new Date('2026-11-02T12:00:00Z'));

    const signOff = await signOffUnit(db, unitInput, new Date('2026-11-02T13:00:00Z'));
    const { content, report } = await view(db, seeded.portfolio.id);
    expect(signOff.decisionIds).toHaveLength(seeded.points.length);
    expect(recordStatus(report, 'unit-sign-off', signOff.id)).toBe('ok');
    expect(signOff.declaration).toContain(seeded.unit.id);
    const assessorDeclarations = content.declarations.filter((declaration) => declaration.kind === 'assessor');
    expect(assessorDeclarations).toHaveLength(1);
    expect(assessorDeclarations[0]).toMatchObject({ name: 'Priya Shah', signedAt: '2026-11-02T13:00:00.000Z' });
    // Signing off again adds a sign-off but no second assessor declaration.
    await signOffUnit(db, unitInput, new Date('2026-11-02T14:00:00Z'));
    expect((await db.declarations.toArray()).filter((declaration) => declaration.kind === 'assessor')).toHaveLength(1);
  });

  it('is refused when a decision was signed by a key the loaded centre register does not hold', async () => {
    const db = await freshDb();
    const seeded = await seedPortfolio(db);
    await actAs(db, 'assessor', ASSESSOR);
    await markAllMet(db, seeded);
    const stranger = await ensureSigningKey(await freshDb('stranger'), 'assessor');
    await importKeyRegister(db, formatKeyRegister([keyRegisterEntry(stranger.key, { name: 'Someone Else', role: 'assessor' })]));
    await expect(signOffUnit(db, { portfolioId: seeded.portfolio.id, unitId: seeded.unit.id })).rejects.toThrow(/unknown key/i);
    const { content, contentHashes, report } = await view(db, seeded.portfolio.id);
    expect(unitReadiness(seeded.unit, content.decisions, contentHashes, report).isReady).toBe(false);
    expect(await db.signOffs.count()).toBe(0);
  });
});

describe('IQA sampling', () => {
  it('signs an IQA sample of another assessor’s decisions', async () => {
    const db = await freshDb();
    const seeded = await seedPortfolio(db);
    await actAs(db, 'assessor', ASSESSOR);
    await markAllMet(db, seeded);
    // The IQA works on another computer: another key. Simulate by moving the assessor's key aside.
    const assessorKey = await db.keys.toArray();
    await db.keys.clear();
    await actAs(db, 'iqa', IQA);
    await expect(recordIqaSample(db, { portfolioId: seeded.portfolio.id, unitId: seeded.unit.id, outcome: 'assessor-to-act', comments: ' ' })).rejects.toThrow(/Write what the assessor needs to do/);
    const sample = await recordIqaSample(db, { portfolioId: seeded.portfolio.id, unitId: seeded.unit.id, outcome: 'agree', comments: 'Sound judgements.' });
    expect(sample.decisionIds).toHaveLength(seeded.points.length);
    expect(sample.signer).toMatchObject({ role: 'iqa', name: 'Daniel Okafor' });
    const { report } = await view(db, seeded.portfolio.id);
    expect(recordStatus(report, 'iqa-sample', sample.id)).toBe('ok');
    expect(assessorKey[0]?.fingerprint).not.toBe(sample.signer.keyFingerprint);
  });

  it('refuses sampling one’s own decisions (same key) with a clear message, and nothing is written', async () => {
    const db = await freshDb();
    const seeded = await seedPortfolio(db);
    await actAs(db, 'assessor', ASSESSOR);
    await markAllMet(db, seeded);
    await actAs(db, 'iqa', { ...IQA, name: 'Priya Shah (IQA)' });
    await expect(recordIqaSample(db, { portfolioId: seeded.portfolio.id, unitId: seeded.unit.id, outcome: 'agree', comments: '' })).rejects.toThrow(/must sample another assessor’s decisions, not their own/);
    expect(await db.iqaSamples.count()).toBe(0);
  });

  it('refuses sampling decisions made under the IQA’s own registration number, even with another key', async () => {
    const db = await freshDb();
    const seeded = await seedPortfolio(db);
    await actAs(db, 'assessor', ASSESSOR);
    await markAllMet(db, seeded);
    await db.keys.clear();
    await actAs(db, 'iqa', { ...IQA, number: ASSESSOR.number });
    await expect(recordIqaSample(db, { portfolioId: seeded.portfolio.id, unitId: seeded.unit.id, outcome: 'agree', comments: '' })).rejects.toBeInstanceOf(AssessmentError);
    expect(await db.iqaSamples.count()).toBe(0);
  });

  it('says when there is nothing to sample, and refuses assessors', async () => {
    const db = await freshDb();
    const seeded = await seedPortfolio(db);
    await actAs(db, 'assessor', ASSESSOR);
    await expect(recordIqaSample(db, { portfolioId: seeded.portfolio.id, unitId: seeded.unit.id, outcome: 'agree', comments: '' })).rejects.toThrow(/Only an internal quality assurer/);
    await actAs(db, 'iqa', IQA);
    await expect(recordIqaSample(db, { portfolioId: seeded.portfolio.id, unitId: seeded.unit.id, outcome: 'agree', comments: '' })).rejects.toThrow(/no assessor decisions on unit/);
  });
});

describe('comments, action plan and the learner declaration', () => {
  it('lets an assessor comment and plan actions; learners cannot', async () => {
    const db = await freshDb();
    const seeded = await seedPortfolio(db);
    const portfolioId = seeded.portfolio.id;
    await expect(addComment(db, { portfolioId, evidenceId: 'ev-1', text: 'Hi' })).rejects.toThrow(/Only an assessor or internal quality assurer/);
    await expect(addActionPlanItem(db, { portfolioId, action: 'Get a witness statement' })).rejects.toThrow(/Only an assessor/);
    await actAs(db, 'assessor', ASSESSOR);
    const comment = await addComment(db, { portfolioId, evidenceId: 'ev-1', text: ' Good use of HEAT. ' });
    expect(comment).toMatchObject({ author: 'Priya Shah', text: 'Good use of HEAT.', evidenceId: 'ev-1' });
    await expect(addComment(db, { portfolioId, evidenceId: 'missing', text: 'x' })).rejects.toThrow(/no longer in the portfolio/);
    await expect(addActionPlanItem(db, { portfolioId, action: 'x', targetDate: '2026-02-30' })).rejects.toThrow(/real date/);
    await expect(addActionPlanItem(db, { portfolioId, action: 'x', unitId: 'NOPE' })).rejects.toThrow(/Unit NOPE is not/);
    const item = await addActionPlanItem(db, { portfolioId, action: 'Get a witness statement', targetDate: '2026-12-01', unitId: seeded.unit.id });
    expect(item).toMatchObject({ status: 'open', targetDate: '2026-12-01', unitId: seeded.unit.id, createdBy: 'Priya Shah' });
    await setActionStatus(db, item.id, 'done');
    expect((await db.actionPlan.get(item.id))?.status).toBe('done');
    await actAs(db, 'learner');
    await expect(setActionStatus(db, item.id, 'open')).rejects.toThrow(/Only an assessor/);
    expect((await db.actionPlan.get(item.id))?.status).toBe('done');
  });

  it('records the learner’s declaration of authenticity once', async () => {
    const db = await freshDb();
    const seeded = await seedPortfolio(db);
    const portfolioId = seeded.portfolio.id;
    await actAs(db, 'assessor', ASSESSOR);
    await expect(signLearnerDeclaration(db, { portfolioId, name: 'Tom Brennan' })).rejects.toThrow(/Only the learner/);
    await actAs(db, 'learner');
    await expect(signLearnerDeclaration(db, { portfolioId, name: ' ' })).rejects.toThrow(/Write your full name/);
    await expect(signLearnerDeclaration(db, { portfolioId, name: 'Someone Else' })).rejects.toThrow(/Type your name as it is on this portfolio: Tom Brennan/);
    const declaration = await signLearnerDeclaration(db, { portfolioId, name: '  tom   BRENNAN ' }, new Date('2026-11-05T08:00:00Z'));
    expect(declaration).toMatchObject({ kind: 'learner-authenticity', name: 'Tom Brennan', text: LEARNER_DECLARATION_TEXT, signedAt: '2026-11-05T08:00:00.000Z' });
    // A signed record of version 2, first in the learner's own chain.
    expect(declaration.signer).toMatchObject({ role: 'learner', name: 'Tom Brennan' });
    expect(declaration.chain).toMatchObject({ sequence: 1, previous: null, learner: { name: 'Tom Brennan' } });
    const loaded = await loadPortfolioContent(db, portfolioId);
    const report = await verifyContent(loaded!.content, loaded!.contentHashes, undefined);
    expect(recordStatus(report, 'declaration', declaration.id)).toBe('ok');
    expect(await db.signedLog.count()).toBe(1);
    const again = await signLearnerDeclaration(db, { portfolioId, name: 'Tom B' });
    expect(again.id).toBe(declaration.id);
    expect(await db.declarations.count()).toBe(1);
  });
});
