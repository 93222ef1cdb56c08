/**
 * Marking: assessor decisions, unit sign-offs, IQA samples, comments, the action plan and
 * declarations. Every signed record is a record of version 2 (CONTRACTS.md §5): it names the
 * learner and qualification and takes the next place in its signer's chain in this portfolio,
 * taken from the app's signed log (trust-repo.ts).
 *
 * Every signed record is built, checked and signed BEFORE its transaction opens (awaiting
 * WebCrypto inside an IndexedDB transaction commits it early); the transaction then checks that
 * nothing it rests on changed meanwhile (the evidence judged, the chain's place), and writes the
 * record, its log entry, an audit entry and the portfolio's `updatedAt` (which backups rely on)
 * together.
 */
import { verifyPortfolio, type SignerPin, type VerificationReport } from '../../../core/integrity/verify';
import { canSample } from '../../../core/integrity/signing';
import { SigningError, identityOf, positionAfter, signRecord, type RecordToSign, type UnsignedRecord } from '../../../core/integrity/signed-record';
import { publicKeyForRecords, type SigningKey } from '../../../core/integrity/keys';
import { nameKey, type KeyRegister } from '../../../core/integrity/key-register';
import type {
  ActionPlanItem,
  AssessorDecision,
  Declaration,
  DecisionStatus,
  EvidenceComment,
  IqaOutcome,
  IqaSample,
  JudgedEvidence,
  Portfolio,
  PortfolioContent,
  Signer,
  UnitSignOff,
} from '../../../core/model/portfolio';
import type { AppDB } from './app-db';
import {
  ASSESSOR_DECLARATION_TEXT,
  LEARNER_DECLARATION_TEXT,
  MAX_ACTION,
  MAX_COMMENT,
  MAX_FEEDBACK,
  MAX_IQA_COMMENTS,
  assessCaseload,
  findUnit,
  type CaseloadAssessment,
  isCalendarDate,
  unitCurrentDecisions,
  unitReadiness,
  unitSignOffDeclaration,
} from './assessment-model';
import { loadPortfolioContent, type LoadedContent } from './content-repo';
import { newId, nowIso } from './ids';
import { ensureSigningKey, getKeyInfo, getKeyRegister, getProfile, getRole, signerOf, type AppRole, type KeyInfo, type SignerProfile } from './keys-repo';
import { auditEntry, listPortfolios, touchPortfolio } from './portfolios-repo';
import { specKey } from './specs-repo';
import { ChainMovedError, logSigned, nextChainPosition, pinsOf, readyToStore, type SignedToStore } from './trust-repo';

/** Refused: nothing was changed, and the message says why in words the person can act on. */
export class AssessmentError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'AssessmentError';
  }
}

interface SigningContext {
  role: Signer['role'];
  profile: SignerProfile;
  key: SigningKey;
  /** The key's fingerprint as records of version 2 name it. */
  fingerprint: string;
  signer: Signer;
}

const ROLE_NEEDED: Readonly<Record<Signer['role'], string>> = {
  learner: 'Only the learner can sign this. If you are the learner, choose the learner role in Settings.',
  assessor: 'Only an assessor can do this. If you are the assessor, choose the assessor role in Settings.',
  iqa: 'Only an internal quality assurer can sample decisions. If you are the IQA, choose that role in Settings.',
};

async function requireRole(db: AppDB, roles: readonly AppRole[], message: string): Promise<AppRole> {
  const role = await getRole(db);
  if (!roles.includes(role)) throw new AssessmentError(message);
  return role;
}

async function requireProfile(db: AppDB): Promise<SignerProfile> {
  const profile = await getProfile(db);
  if (!profile || profile.name.trim() === '') throw new AssessmentError('Fill in your name in Settings first: it goes on everything you sign.');
  return profile;
}

/** The signer's role, profile and key (made on first use). */
async function signingContext(db: AppDB, role: Signer['role'], profileOverride?: SignerProfile): Promise<SigningContext> {
  await requireRole(db, [role], ROLE_NEEDED[role]);
  const profile = profileOverride ?? (await requireProfile(db));
  const { key } = await ensureSigningKey(db, role);
  const { fingerprint } = await publicKeyForRecords(key);
  return { role, profile, key, fingerprint, signer: signerOf(role, profile, { fingerprint }) };
}

/**
 * Signs records one after another at the next places of the signer's chain in this portfolio,
 * before any transaction opens. Store them with `storeSigned` inside the transaction.
 */
async function signInChain(db: AppDB, context: SigningContext, portfolio: Portfolio, items: readonly RecordToSign[]): Promise<SignedToStore[]> {
  let position = await nextChainPosition(db, portfolio.id, context.fingerprint);
  const signed: SignedToStore[] = [];
  try {
    for (const { kind, unsigned } of items) {
      const record = await signRecord(kind, unsigned as UnsignedRecord<typeof kind>, identityOf(portfolio), position, context.key);
      position = await positionAfter(kind, record);
      signed.push(await readyToStore(kind, record));
    }
  } catch (error) {
    if (error instanceof SigningError) throw new AssessmentError(error.message);
    throw error;
  }
  return signed;
}

/** Inside the transaction: logs the records in their chain (refusing if it moved meanwhile). */
async function storeSigned(db: AppDB, signed: readonly SignedToStore[], at: string): Promise<void> {
  try {
    await logSigned(db, signed, at);
  } catch (error) {
    if (error instanceof ChainMovedError) throw new AssessmentError(error.message);
    throw error;
  }
}

function requireText(value: string, max: number, what: string, isRequired: boolean): string {
  const text = value.trim();
  if (isRequired && text === '') throw new AssessmentError(`Write ${what}.`);
  if (text.length > max) throw new AssessmentError(`The ${what.replace(/^(the|a|an|some) /, '')} must be ${max.toLocaleString('en-GB')} characters or fewer.`);
  return text;
}

async function requirePortfolio(db: AppDB, portfolioId: string) {
  const portfolio = await db.portfolios.get(portfolioId);
  if (!portfolio) throw new AssessmentError('That portfolio is no longer in the app.');
  return portfolio;
}

async function requireContent(db: AppDB, portfolioId: string): Promise<LoadedContent> {
  const loaded = await loadPortfolioContent(db, portfolioId);
  if (!loaded) throw new AssessmentError('That portfolio, or the qualification it uses, is no longer in the app.');
  return loaded;
}

/** Inside a transaction: the evidence judged must be exactly as it was when it was hashed. */
async function assertEvidenceUnchanged(db: AppDB, portfolioId: string, judged: readonly JudgedEvidence[]): Promise<void> {
  for (const entry of judged) {
    const current = await db.evidence.get([portfolioId, entry.evidenceId]);
    if (!current || current.contentHash !== entry.contentHash) {
      throw new AssessmentError(`“${current?.title ?? 'An evidence item'}” changed while you were judging it, so nothing was signed. Look at it again and then record your decision.`);
    }
  }
}

// ---------------------------------------------------------------------------------------
// Reading.

/** Everything the marking and feedback screens show for one portfolio (database reads only). */
export interface AssessmentView extends LoadedContent {
  role: AppRole;
  profile?: SignerProfile;
  key?: KeyInfo;
  register?: KeyRegister;
  /** The keys pinned for signers' names in this portfolio. */
  pins: Map<string, SignerPin>;
}

export async function loadAssessment(db: AppDB, portfolioId: string): Promise<AssessmentView | undefined> {
  const loaded = await loadPortfolioContent(db, portfolioId);
  if (!loaded) return undefined;
  const [role, profile, key, stored, pins] = await Promise.all([getRole(db), getProfile(db), getKeyInfo(db), getKeyRegister(db), pinsOf(db, portfolioId)]);
  return { ...loaded, role, pins, ...(profile ? { profile } : {}), ...(key ? { key } : {}), ...(stored ? { register: stored.register } : {}) };
}

export interface CaseloadEntry {
  portfolio: Portfolio;
  qualificationTitle: string;
  /** Absent when the portfolio's qualification is not in the app. */
  assessment?: CaseloadAssessment;
}

/** Every portfolio in the app with its progress and whether the learner is on track. */
export async function loadCaseload(db: AppDB, today: string): Promise<CaseloadEntry[]> {
  const portfolios = await listPortfolios(db);
  return Promise.all(
    portfolios.map(async (portfolio): Promise<CaseloadEntry> => {
      const stored = await db.specs.get(specKey({ id: portfolio.qualificationId, version: portfolio.qualificationVersion }));
      if (!stored) return { portfolio, qualificationTitle: `${portfolio.qualificationId} (version ${portfolio.qualificationVersion}, not in the app)` };
      const [mappings, decisions, evidence, actionPlan, declarations] = await Promise.all([
        db.mappings.where('portfolioId').equals(portfolio.id).toArray(),
        db.decisions.where('portfolioId').equals(portfolio.id).toArray(),
        db.evidence.where('portfolioId').equals(portfolio.id).toArray(),
        db.actionPlan.where('portfolioId').equals(portfolio.id).toArray(),
        db.declarations.where('portfolioId').equals(portfolio.id).toArray(),
      ]);
      const contentHashes = new Map(evidence.map((item) => [item.id, item.contentHash]));
      return { portfolio, qualificationTitle: stored.title, assessment: assessCaseload(stored.spec, mappings, decisions, contentHashes, actionPlan, declarations, today) };
    }),
  );
}

/** The comments on one evidence item, oldest first. */
export async function commentsForEvidence(db: AppDB, portfolioId: string, evidenceId: string): Promise<EvidenceComment[]> {
  const comments = await db.comments.where('[portfolioId+evidenceId]').equals([portfolioId, evidenceId]).toArray();
  return comments.sort((a, b) => a.createdAt.localeCompare(b.createdAt) || a.id.localeCompare(b.id));
}

/**
 * Checks every signed record of the portfolio: signatures, chains, the keys pinned for names,
 * and, with the centre's register, whose keys they are.
 */
export function verifyContent(content: PortfolioContent, contentHashes: ReadonlyMap<string, string>, register: KeyRegister | undefined, pins?: ReadonlyMap<string, SignerPin>): Promise<VerificationReport> {
  return verifyPortfolio(content, contentHashes, { ...(register ? { register } : {}), ...(pins ? { pins } : {}) });
}

// ---------------------------------------------------------------------------------------
// Decisions.

export interface DecisionInput {
  portfolioId: string;
  markingPointId: string;
  status: DecisionStatus;
  feedback: string;
}

/**
 * Records and signs an assessor's judgement of one marking point over the content hashes of
 * every evidence item that claims it now.
 */
export async function recordDecision(db: AppDB, input: DecisionInput, now = new Date()): Promise<AssessorDecision> {
  if (input.status !== 'met' && input.status !== 'not-yet') throw new AssessmentError('Choose met or not yet met.');
  const feedback = requireText(input.feedback, MAX_FEEDBACK, input.status === 'not-yet' ? 'feedback saying what is still needed' : 'the feedback', input.status === 'not-yet');
  const context = await signingContext(db, 'assessor');
  const portfolio = await requirePortfolio(db, input.portfolioId);
  const stored = await db.specs.get(specKey({ id: portfolio.qualificationId, version: portfolio.qualificationVersion }));
  const isKnownPoint = stored?.spec.units.some((unit) => unit.learningOutcomes.some((outcome) => outcome.markingPoints.some((point) => point.id === input.markingPointId)));
  if (!isKnownPoint) throw new AssessmentError(`Marking point ${input.markingPointId} is not in this portfolio’s qualification.`);

  // Decisions judge the main qualification's marking points: mappings to an additional qualification's point of the same id are not this point's evidence.
  const mappings = await db.mappings.where('[portfolioId+markingPointId]').equals([input.portfolioId, input.markingPointId]).filter((mapping) => mapping.qualificationId === undefined).toArray();
  const evidenceIds = [...new Set(mappings.map((mapping) => mapping.evidenceId))].sort();
  const rows = await db.evidence.bulkGet(evidenceIds.map((id) => [input.portfolioId, id]));
  const judged: JudgedEvidence[] = rows.flatMap((row) => (row && row.portfolioId === input.portfolioId ? [{ evidenceId: row.id, contentHash: row.contentHash }] : []));
  if (judged.length === 0) throw new AssessmentError(`No evidence claims marking point ${input.markingPointId} yet, so there is nothing to judge.`);

  const at = nowIso(now);
  const signed = await signInChain(db, context, portfolio, [
    { kind: 'decision', unsigned: { id: newId(), portfolioId: input.portfolioId, markingPointId: input.markingPointId, status: input.status, feedback, evidence: judged, signer: context.signer, decidedAt: at } },
  ]);
  const decision = signed[0]!.record as AssessorDecision;
  await db.transaction('rw', [db.portfolios, db.evidence, db.decisions, db.audit, db.signedLog, db.pins], async () => {
    await requirePortfolio(db, input.portfolioId);
    await assertEvidenceUnchanged(db, input.portfolioId, judged);
    await storeSigned(db, signed, at);
    await db.decisions.add(decision);
    await db.audit.add(auditEntry(input.portfolioId, context.profile.name, 'sign', 'decision', decision.id, `Judged ${input.markingPointId} ${input.status === 'met' ? 'met' : 'not yet met'}.`, at));
    await touchPortfolio(db, input.portfolioId, at);
  });
  return decision;
}

// ---------------------------------------------------------------------------------------
// Unit sign-off.

export async function signOffUnit(db: AppDB, input: { portfolioId: string; unitId: string }, now = new Date()): Promise<UnitSignOff> {
  const context = await signingContext(db, 'assessor');
  const { content, contentHashes } = await requireContent(db, input.portfolioId);
  const unit = findUnit(content.qualification, input.unitId);
  if (!unit) throw new AssessmentError(`Unit ${input.unitId} is not in this portfolio’s qualification.`);
  const [stored, pins] = await Promise.all([getKeyRegister(db), pinsOf(db, input.portfolioId)]);
  const report = await verifyContent(content, contentHashes, stored?.register, pins);
  const readiness = unitReadiness(unit, content.decisions, contentHashes, report);
  if (!readiness.isReady) {
    throw new AssessmentError(`Unit ${unit.id} cannot be signed off yet: ${readiness.blockers.map((blocker) => `${blocker.markingPointId} is ${blocker.reason}`).join('; ')}.`);
  }
  const at = nowIso(now);
  // The assessor declaration is signed once per portfolio, with the first sign-off, in the same chain.
  const hasDeclared = content.declarations.some((declaration) => declaration.kind === 'assessor' && declaration.signer?.keyFingerprint === context.fingerprint);
  const signed = await signInChain(db, context, content.portfolio, [
    { kind: 'unit-sign-off', unsigned: { id: newId(), portfolioId: input.portfolioId, unitId: unit.id, declaration: unitSignOffDeclaration(unit), decisionIds: readiness.decisionIds, signer: context.signer, signedAt: at } },
    ...(hasDeclared
      ? []
      : [{ kind: 'declaration' as const, unsigned: { id: newId(), portfolioId: input.portfolioId, kind: 'assessor' as const, name: context.profile.name, text: ASSESSOR_DECLARATION_TEXT, signer: context.signer, signedAt: at } }]),
  ]);
  const signOff = signed[0]!.record as UnitSignOff;
  const declaration = signed[1]?.record as Declaration | undefined;
  const restsOn = content.decisions.filter((decision) => readiness.decisionIds.includes(decision.id));
  await db.transaction('rw', [db.portfolios, db.evidence, db.decisions, db.signOffs, db.declarations, db.audit, db.signedLog, db.pins], async () => {
    await requirePortfolio(db, input.portfolioId);
    // A decision added meanwhile would replace one the sign-off rests on.
    const current = await db.decisions.where('portfolioId').equals(input.portfolioId).toArray();
    const again = unitReadiness(unit, current, contentHashes, report);
    if (again.decisionIds.join('\n') !== readiness.decisionIds.join('\n')) throw new AssessmentError('A decision on this unit changed while you were signing it off, so nothing was signed. Look at the unit again.');
    for (const decision of restsOn) await assertEvidenceUnchanged(db, input.portfolioId, decision.evidence);
    await storeSigned(db, signed, at);
    await db.signOffs.add(signOff);
    if (declaration) {
      await db.declarations.add(declaration);
      await db.audit.add(auditEntry(input.portfolioId, context.profile.name, 'sign', 'declaration', declaration.id, 'Signed the assessor declaration.', at));
    }
    await db.audit.add(auditEntry(input.portfolioId, context.profile.name, 'sign', 'sign-off', signOff.id, `Signed off unit ${unit.id}.`, at));
    await touchPortfolio(db, input.portfolioId, at);
  });
  return signOff;
}

// ---------------------------------------------------------------------------------------
// IQA sampling.

export interface IqaSampleInput {
  portfolioId: string;
  unitId: string;
  outcome: IqaOutcome;
  comments: string;
}

/**
 * Records an IQA's signed sampling decision on a unit's current assessor decisions. Refused
 * when the IQA made any of those decisions (same key, or same registration number).
 */
export async function recordIqaSample(db: AppDB, input: IqaSampleInput, now = new Date()): Promise<IqaSample> {
  if (input.outcome !== 'agree' && input.outcome !== 'assessor-to-act') throw new AssessmentError('Choose whether you agree, or the assessor needs to act.');
  const comments = requireText(input.comments, MAX_IQA_COMMENTS, input.outcome === 'assessor-to-act' ? 'what the assessor needs to do' : 'your comments', input.outcome === 'assessor-to-act');
  const context = await signingContext(db, 'iqa');
  const { content } = await requireContent(db, input.portfolioId);
  const unit = findUnit(content.qualification, input.unitId);
  if (!unit) throw new AssessmentError(`Unit ${input.unitId} is not in this portfolio’s qualification.`);
  const sampled = unitCurrentDecisions(unit, content.decisions);
  if (sampled.length === 0) throw new AssessmentError(`There are no assessor decisions on unit ${unit.id} to sample yet.`);
  if (!canSample(context.fingerprint, sampled).ok) {
    // canSample's own message names decision ids; people know marking points.
    const own = sampled.filter((decision) => decision.signer.keyFingerprint === context.fingerprint).map((decision) => decision.markingPointId);
    throw new AssessmentError(
      `You cannot sample unit ${unit.id}: you made the ${own.length === 1 ? 'decision' : 'decisions'} on ${own.join(', ')} yourself, with your own key. An internal quality assurer must sample another assessor’s decisions, not their own.`,
    );
  }
  if (context.signer.number !== undefined) {
    const sameNumber = sampled.filter((decision) => decision.signer.number === context.signer.number);
    if (sameNumber.length > 0) {
      throw new AssessmentError(
        `You cannot sample unit ${unit.id}: the decision on ${sameNumber.map((decision) => decision.markingPointId).join(', ')} was made under your own number (${context.signer.number}). An internal quality assurer must sample another assessor’s decisions, not their own.`,
      );
    }
  }
  const at = nowIso(now);
  const signed = await signInChain(db, context, content.portfolio, [
    { kind: 'iqa-sample', unsigned: { id: newId(), portfolioId: input.portfolioId, unitId: unit.id, outcome: input.outcome, comments, decisionIds: sampled.map((decision) => decision.id), signer: context.signer, sampledAt: at } },
  ]);
  const sample = signed[0]!.record as IqaSample;
  await db.transaction('rw', [db.portfolios, db.decisions, db.iqaSamples, db.audit, db.signedLog, db.pins], async () => {
    await requirePortfolio(db, input.portfolioId);
    await storeSigned(db, signed, at);
    for (const decision of sampled) {
      if (!(await db.decisions.get([input.portfolioId, decision.id]))) throw new AssessmentError('A decision you sampled is no longer in the portfolio, so nothing was signed.');
    }
    await db.iqaSamples.add(sample);
    await db.audit.add(auditEntry(input.portfolioId, context.profile.name, 'sign', 'iqa-sample', sample.id, `Sampled unit ${unit.id}: ${input.outcome === 'agree' ? 'agrees with the assessor' : 'assessor to act'}.`, at));
    await touchPortfolio(db, input.portfolioId, at);
  });
  return sample;
}

// ---------------------------------------------------------------------------------------
// Comments and the action plan (the assessor's and IQA's; the learner reads them).

const STAFF_ONLY = 'Only an assessor or internal quality assurer can do this. Learners can read comments and the action plan on the Feedback page.';

export async function addComment(db: AppDB, input: { portfolioId: string; evidenceId: string; text: string }, now = new Date()): Promise<EvidenceComment> {
  await requireRole(db, ['assessor', 'iqa'], STAFF_ONLY);
  const profile = await requireProfile(db);
  const text = requireText(input.text, MAX_COMMENT, 'a comment', true);
  const at = nowIso(now);
  const comment: EvidenceComment = { id: newId(), portfolioId: input.portfolioId, evidenceId: input.evidenceId, author: profile.name, text, createdAt: at };
  await db.transaction('rw', [db.portfolios, db.evidence, db.comments, db.audit], async () => {
    await requirePortfolio(db, input.portfolioId);
    const item = await db.evidence.get([input.portfolioId, input.evidenceId]);
    if (!item) throw new AssessmentError('That evidence item is no longer in the portfolio.');
    await db.comments.add(comment);
    await db.audit.add(auditEntry(input.portfolioId, profile.name, 'create', 'comment', comment.id, `Commented on “${item.title}”.`, at));
    await touchPortfolio(db, input.portfolioId, at);
  });
  return comment;
}

export interface ActionInput {
  portfolioId: string;
  action: string;
  targetDate?: string;
  unitId?: string;
}

export async function addActionPlanItem(db: AppDB, input: ActionInput, now = new Date()): Promise<ActionPlanItem> {
  await requireRole(db, ['assessor'], 'Only an assessor can add to a learner’s action plan.');
  const profile = await requireProfile(db);
  const action = requireText(input.action, MAX_ACTION, 'what the learner needs to do', true);
  const targetDate = input.targetDate?.trim() || undefined;
  if (targetDate !== undefined && !isCalendarDate(targetDate)) throw new AssessmentError('The target date must be a real date, such as 2026-12-01.');
  const unitId = input.unitId?.trim() || undefined;
  const at = nowIso(now);
  const item: ActionPlanItem = {
    id: newId(),
    portfolioId: input.portfolioId,
    action,
    ...(targetDate ? { targetDate } : {}),
    ...(unitId ? { unitId } : {}),
    status: 'open',
    createdBy: profile.name,
    createdAt: at,
  };
  await db.transaction('rw', [db.portfolios, db.specs, db.actionPlan, db.audit], async () => {
    const portfolio = await requirePortfolio(db, input.portfolioId);
    if (unitId) {
      const stored = await db.specs.get(specKey({ id: portfolio.qualificationId, version: portfolio.qualificationVersion }));
      if (!stored || !findUnit(stored.spec, unitId)) throw new AssessmentError(`Unit ${unitId} is not in this portfolio’s qualification.`);
    }
    await db.actionPlan.add(item);
    await db.audit.add(auditEntry(input.portfolioId, profile.name, 'create', 'action-plan', item.id, `Added an action${targetDate ? ` due ${targetDate}` : ''}: ${action.slice(0, 120)}`, at));
    await touchPortfolio(db, input.portfolioId, at);
  });
  return item;
}

export async function setActionStatus(db: AppDB, portfolioId: string, id: string, status: ActionPlanItem['status'], now = new Date()): Promise<void> {
  if (status !== 'open' && status !== 'done') throw new AssessmentError('An action is either open or done.');
  await requireRole(db, ['assessor'], 'Only an assessor can change a learner’s action plan.');
  const profile = await requireProfile(db);
  const at = nowIso(now);
  await db.transaction('rw', [db.portfolios, db.actionPlan, db.audit], async () => {
    const item = await db.actionPlan.get([portfolioId, id]);
    if (!item) throw new AssessmentError('That action is no longer in the plan.');
    if (item.status === status) return;
    await db.actionPlan.put({ ...item, status });
    await db.audit.add(auditEntry(item.portfolioId, profile.name, 'update', 'action-plan', id, status === 'done' ? `Marked an action done: ${item.action.slice(0, 120)}` : `Reopened an action: ${item.action.slice(0, 120)}`, at));
    await touchPortfolio(db, item.portfolioId, at);
  });
}

// ---------------------------------------------------------------------------------------
// The learner's declaration of authenticity.

/**
 * The learner signs the declaration that the work is their own: a signed record of version 2
 * in the learner's own chain, made with this installation's key. The name typed must be the
 * learner's name on the portfolio (it is what the record is signed for).
 */
export async function signLearnerDeclaration(db: AppDB, input: { portfolioId: string; name: string }, now = new Date()): Promise<Declaration> {
  await requireRole(db, ['learner'], 'Only the learner can sign the declaration that the work is their own.');
  const name = requireText(input.name, 200, 'your full name', true);
  const portfolio = await requirePortfolio(db, input.portfolioId);
  const existing = (await db.declarations.where('portfolioId').equals(input.portfolioId).toArray()).find((candidate) => candidate.kind === 'learner-authenticity');
  if (existing) return existing;
  if (nameKey(name) !== nameKey(portfolio.learner.name)) {
    throw new AssessmentError(`Type your name as it is on this portfolio: ${portfolio.learner.name}. (If your name there is wrong, correct it in the portfolio’s details first.)`);
  }
  const context = await signingContext(db, 'learner', { name: portfolio.learner.name });
  const at = nowIso(now);
  const signed = await signInChain(db, context, portfolio, [
    { kind: 'declaration', unsigned: { id: newId(), portfolioId: input.portfolioId, kind: 'learner-authenticity', name: portfolio.learner.name, text: LEARNER_DECLARATION_TEXT, signer: { role: 'learner', name: portfolio.learner.name, keyFingerprint: context.fingerprint }, signedAt: at } },
  ]);
  const declaration = signed[0]!.record as Declaration;
  return db.transaction('rw', [db.portfolios, db.declarations, db.audit, db.signedLog, db.pins], async () => {
    await requirePortfolio(db, input.portfolioId);
    const again = (await db.declarations.where('portfolioId').equals(input.portfolioId).toArray()).find((candidate) => candidate.kind === 'learner-authenticity');
    if (again) return again;
    await storeSigned(db, signed, at);
    await db.declarations.add(declaration);
    await db.audit.add(auditEntry(input.portfolioId, portfolio.learner.name, 'sign', 'declaration', declaration.id, 'Signed the learner declaration.', at));
    await touchPortfolio(db, input.portfolioId, at);
    return declaration;
  });
}
