/**
 * The return flow: a learner brings the assessor's work (decisions, unit sign-offs, IQA
 * samples, declarations, the action plan and comments) from a package the assessor sent back
 * into their own copy of the portfolio, WITHOUT touching their evidence, mappings or
 * attachments. Their newer edits stay; a decision judged on an older version of an item is
 * then stale by itself, because staleness is worked out from the content hashes each time.
 *
 * Signed records are never rewritten: one already here (same id) is kept as it is. Before
 * anything is written, every signed record in the package is verified with the centre's key
 * register (when loaded) and the keys pinned for this portfolio, and the package is compared
 * with what the app knows must be in it (trust-repo.ts `checkIncoming`): a package holding a
 * forged, damaged, untrusted or out-of-chain record, or missing a record (a rollback), is
 * refused whole, saying what went missing. The write is one transaction: all or nothing.
 */
import { contentHashesOf } from '../../../core/coverage/coverage';
import type {
  ActionPlanItem,
  AssessorDecision,
  AuditEntry,
  Declaration,
  EvidenceComment,
  IqaSample,
  Portfolio,
  PortfolioContent,
  UnitSignOff,
} from '../../../core/model/portfolio';
import type { PackageManifest } from '../../../core/package/manifest';
import type { Problem } from '../../../core/problems';
import { canonicalJson } from '../../../core/integrity/canonical-json';
import { evidenceContentHash } from '../../../core/integrity/content-hash';
import type { AppDB, StoredAttachment, StoredEvidence } from './app-db';
import { nowIso } from './ids';
import { getKeyRegister, loadIdentity } from './keys-repo';
import { auditEntry, touchPortfolio } from './portfolios-repo';
import { checkIncoming, keepPins, learnerChangeProblem } from './trust-repo';

/** The assessor's records held locally, as far as a merge needs them. */
export type AssessorRecords = Pick<PortfolioContent, 'decisions' | 'signOffs' | 'iqaSamples' | 'declarations' | 'actionPlan' | 'comments' | 'audit'>;

export interface MergeCounts {
  decisions: number;
  signOffs: number;
  iqaSamples: number;
  declarations: number;
  /** Actions added, plus actions whose status the assessor changed. */
  actionPlan: number;
  comments: number;
}

export interface MergePlan {
  decisions: AssessorDecision[];
  signOffs: UnitSignOff[];
  iqaSamples: IqaSample[];
  declarations: Declaration[];
  /** New actions and updated ones (the assessor owns the action plan). */
  actionPlan: ActionPlanItem[];
  comments: EvidenceComment[];
  audit: AuditEntry[];
  counts: MergeCounts;
  /** Records in the package that are already here, unchanged or kept as signed. */
  alreadyHere: number;
}

function same(a: unknown, b: unknown): boolean {
  try {
    return canonicalJson(a) === canonicalJson(b);
  } catch {
    return false;
  }
}

function newOnes<T extends { id: string; portfolioId: string }>(incoming: readonly T[], local: readonly T[], portfolioId: string): { added: T[]; skipped: number } {
  const have = new Set(local.map((record) => record.id));
  const taken = new Set<string>();
  const added: T[] = [];
  let skipped = 0;
  for (const record of incoming) {
    // Only this portfolio's records, once each: anything else in a package is not for it.
    if (record.portfolioId !== portfolioId || taken.has(record.id)) continue;
    taken.add(record.id);
    if (have.has(record.id)) skipped++;
    else added.push(record);
  }
  return { added, skipped };
}

/**
 * What a merge would write: pure, so it is tested without a database. Signed records, comments,
 * declarations and audit entries are added when new; actions are added when new and replaced
 * when the assessor changed them (learners cannot edit the action plan).
 */
export function planAssessmentMerge(portfolioId: string, local: AssessorRecords, incoming: AssessorRecords, options: { isActionPlanFromIncoming?: boolean } = {}): MergePlan {
  // The learner takes the assessor's action plan as it is; an assessor keeps their own.
  const isActionPlanFromIncoming = options.isActionPlanFromIncoming ?? true;
  const decisions = newOnes(incoming.decisions, local.decisions, portfolioId);
  const signOffs = newOnes(incoming.signOffs, local.signOffs, portfolioId);
  const iqaSamples = newOnes(incoming.iqaSamples, local.iqaSamples, portfolioId);
  const declarations = newOnes(incoming.declarations, local.declarations, portfolioId);
  const comments = newOnes(incoming.comments, local.comments, portfolioId);
  const audit = newOnes(incoming.audit, local.audit, portfolioId);

  const localActions = new Map(local.actionPlan.map((item) => [item.id, item]));
  const actionPlan: ActionPlanItem[] = [];
  let actionsHere = 0;
  const seenActions = new Set<string>();
  for (const item of incoming.actionPlan) {
    if (item.portfolioId !== portfolioId || seenActions.has(item.id)) continue;
    seenActions.add(item.id);
    const existing = localActions.get(item.id);
    if (existing && (same(existing, item) || !isActionPlanFromIncoming)) actionsHere++;
    else actionPlan.push(item);
  }
  return {
    decisions: decisions.added,
    signOffs: signOffs.added,
    iqaSamples: iqaSamples.added,
    declarations: declarations.added,
    actionPlan,
    comments: comments.added,
    audit: audit.added,
    counts: {
      decisions: decisions.added.length,
      signOffs: signOffs.added.length,
      iqaSamples: iqaSamples.added.length,
      declarations: declarations.added.length,
      actionPlan: actionPlan.length,
      comments: comments.added.length,
    },
    alreadyHere: decisions.skipped + signOffs.skipped + iqaSamples.skipped + declarations.skipped + comments.skipped + actionsHere,
  };
}

export function hasAnythingNew(counts: MergeCounts): boolean {
  return Object.values(counts).some((count) => count > 0);
}

/** "3 decisions, 1 unit sign-off and 2 comments", or "nothing new". */
export function describeCounts(counts: MergeCounts): string {
  const parts: string[] = [];
  const add = (count: number, one: string, many: string) => {
    if (count > 0) parts.push(`${count} ${count === 1 ? one : many}`);
  };
  add(counts.decisions, 'decision', 'decisions');
  add(counts.signOffs, 'unit sign-off', 'unit sign-offs');
  add(counts.iqaSamples, 'quality assurance sample', 'quality assurance samples');
  add(counts.actionPlan, 'action', 'actions');
  add(counts.comments, 'comment', 'comments');
  add(counts.declarations, 'declaration', 'declarations');
  if (parts.length === 0) return 'nothing new';
  return parts.length === 1 ? parts[0]! : `${parts.slice(0, -1).join(', ')} and ${parts[parts.length - 1]!}`;
}

/** Whether a package holds anything an assessor or IQA made, so the merge is worth offering. */
export function hasAssessorWork(manifest: Pick<PortfolioContent, 'decisions' | 'signOffs' | 'iqaSamples' | 'actionPlan' | 'comments'>): boolean {
  return manifest.decisions.length + manifest.signOffs.length + manifest.iqaSamples.length + manifest.actionPlan.length + manifest.comments.length > 0;
}

/** The merge was refused; nothing was changed. */
export class MergeRefusedError extends Error {
  readonly problems: Problem[];
  constructor(problems: Problem[]) {
    super(problems.map((problem) => problem.message).join(' '));
    this.name = 'MergeRefusedError';
    this.problems = problems;
  }
}

export interface MergeResult {
  portfolio: Portfolio;
  counts: MergeCounts;
  alreadyHere: number;
}

/**
 * Refuses (MergeRefusedError, nothing changed) unless the portfolio is here, on the same
 * qualification and for the same learner, and every signed record in the package verifies with
 * the register and the pins and nothing the app knows of is missing. Returns the pins to keep.
 */
async function checkMergeable(db: AppDB, manifest: PackageManifest, what: string, side: 'learner' | 'staff'): Promise<{ local: Portfolio; pins: ReadonlyMap<string, { name: string; fingerprint: string }> }> {
  const local = await db.portfolios.get(manifest.portfolio.id);
  if (!local) {
    throw new MergeRefusedError([{ path: '/portfolio/id', message: `This portfolio is not in the app, so there is nothing to bring the ${what} into. Import the package as a new portfolio instead.` }]);
  }
  if (local.qualificationId !== manifest.qualification.id || local.qualificationVersion !== manifest.qualification.version) {
    throw new MergeRefusedError([
      {
        path: '/qualification',
        message: `The package is for ${manifest.qualification.id} version ${manifest.qualification.version}, but the portfolio here uses ${local.qualificationId} version ${local.qualificationVersion}, so the decisions would not match its marking points.`,
      },
    ]);
  }
  const [localRecords, identity, stored] = await Promise.all([
    db.transaction('r', [db.decisions, db.signOffs, db.iqaSamples, db.declarations], async () => ({
      decisions: await db.decisions.where('portfolioId').equals(local.id).toArray(),
      signOffs: await db.signOffs.where('portfolioId').equals(local.id).toArray(),
      iqaSamples: await db.iqaSamples.where('portfolioId').equals(local.id).toArray(),
      declarations: await db.declarations.where('portfolioId').equals(local.id).toArray(),
    })),
    loadIdentity(db),
    getKeyRegister(db),
  ]);
  const hasSigned = [...localRecords.decisions, ...localRecords.signOffs, ...localRecords.iqaSamples, ...localRecords.declarations].some((record) => record.signature !== undefined);
  const renamed = learnerChangeProblem(local, manifest.portfolio, hasSigned);
  if (renamed) throw new MergeRefusedError([renamed]);
  // Verification needs the package's own evidence hashes: a signature is checked against what
  // was signed; staleness against the evidence here comes later, by itself.
  const packageHashes = await contentHashesOf(manifest.evidence);
  const check = await checkIncoming(db, manifest, packageHashes, {
    ...(stored ? { register: stored.register } : {}),
    localContent: localRecords,
    ...(identity.key ? { ownFingerprint: identity.key.fingerprint } : {}),
    requireOwnSent: side === 'staff',
  });
  if (check.problems.length > 0) throw new MergeRefusedError(check.problems);
  return { local, pins: check.report.pins };
}

/**
 * Brings the assessor's work from a package into the local copy of the same portfolio. Throws
 * MergeRefusedError (nothing changed) when the portfolio is not here, is for another
 * qualification, or the package holds a forged or damaged signed record.
 */
export async function mergeAssessorWork(db: AppDB, manifest: PackageManifest, actor: string, now = new Date()): Promise<MergeResult> {
  const portfolioId = manifest.portfolio.id;
  const { pins } = await checkMergeable(db, manifest, 'assessor’s work', 'learner');
  const at = nowIso(now);
  return db.transaction('rw', [db.portfolios, db.decisions, db.signOffs, db.iqaSamples, db.declarations, db.actionPlan, db.comments, db.audit, db.pins], async () => {
    const portfolio = await db.portfolios.get(portfolioId);
    if (!portfolio) throw new MergeRefusedError([{ path: '/portfolio/id', message: 'This portfolio was removed from the app meanwhile, so nothing was brought in.' }]);
    const [decisions, signOffs, iqaSamples, declarations, actionPlan, comments, audit] = await Promise.all([
      db.decisions.where('portfolioId').equals(portfolioId).toArray(),
      db.signOffs.where('portfolioId').equals(portfolioId).toArray(),
      db.iqaSamples.where('portfolioId').equals(portfolioId).toArray(),
      db.declarations.where('portfolioId').equals(portfolioId).toArray(),
      db.actionPlan.where('portfolioId').equals(portfolioId).toArray(),
      db.comments.where('portfolioId').equals(portfolioId).toArray(),
      db.audit.where('portfolioId').equals(portfolioId).toArray(),
    ]);
    const plan = planAssessmentMerge(portfolioId, { decisions, signOffs, iqaSamples, declarations, actionPlan, comments, audit }, manifest);
    await keepPins(db, portfolioId, pins, at);
    if (!hasAnythingNew(plan.counts)) return { portfolio, counts: plan.counts, alreadyHere: plan.alreadyHere };
    await db.decisions.bulkAdd(plan.decisions);
    await db.signOffs.bulkAdd(plan.signOffs);
    await db.iqaSamples.bulkAdd(plan.iqaSamples);
    await db.declarations.bulkAdd(plan.declarations);
    await db.actionPlan.bulkPut(plan.actionPlan);
    await db.comments.bulkAdd(plan.comments);
    await db.audit.bulkAdd([
      ...plan.audit,
      auditEntry(portfolioId, actor, 'import', 'portfolio', portfolioId, `Brought in the assessor’s work from a package exported ${manifest.exportedAt}: ${describeCounts(plan.counts)}.`, at),
    ]);
    await touchPortfolio(db, portfolioId, at);
    return { portfolio: { ...portfolio, updatedAt: at }, counts: plan.counts, alreadyHere: plan.alreadyHere };
  });
}

export interface LearnerMergeResult extends MergeResult {
  evidence: { added: number; changed: number; removed: number };
}

/**
 * The other direction: an assessor brings a learner's updated package into their caseload,
 * taking the learner's evidence, mappings, attachments and declarations as the package has
 * them, while keeping every decision, sign-off, IQA sample, action and comment of their own
 * (and adding any in the package they lack). Decisions on evidence the learner changed turn
 * stale by themselves. Refused like `mergeAssessorWork`; all or nothing.
 */
export async function mergeLearnerWork(
  db: AppDB,
  manifest: PackageManifest,
  readAttachment: (sha256: string) => Promise<Uint8Array>,
  actor: string,
  now = new Date(),
): Promise<LearnerMergeResult> {
  const portfolioId = manifest.portfolio.id;
  const { pins } = await checkMergeable(db, manifest, 'learner’s evidence', 'staff');

  // Slow work before the transaction: hashes, and the bytes of attachments not already here.
  const evidence: StoredEvidence[] = [];
  for (const item of manifest.evidence) evidence.push({ ...item, contentHash: await evidenceContentHash(item) });
  const haveBytes = new Set((await db.attachments.where('portfolioId').equals(portfolioId).toArray()).map((row) => row.sha256));
  const attachments: StoredAttachment[] = [];
  for (const attachment of manifest.attachments) {
    if (haveBytes.has(attachment.sha256)) continue;
    const bytes = await readAttachment(attachment.sha256);
    attachments.push({ portfolioId, sha256: attachment.sha256, mediaType: attachment.mediaType, size: attachment.size, blob: new Blob([bytes as Uint8Array<ArrayBuffer>], { type: attachment.mediaType }) });
  }
  const at = nowIso(now);

  return db.transaction('rw', [db.portfolios, db.evidence, db.mappings, db.attachments, db.decisions, db.signOffs, db.iqaSamples, db.declarations, db.actionPlan, db.comments, db.audit, db.pins], async () => {
    const portfolio = await db.portfolios.get(portfolioId);
    if (!portfolio) throw new MergeRefusedError([{ path: '/portfolio/id', message: 'This portfolio was removed from the app meanwhile, so nothing was brought in.' }]);
    const [localEvidence, decisions, signOffs, iqaSamples, declarations, actionPlan, comments, audit] = await Promise.all([
      db.evidence.where('portfolioId').equals(portfolioId).toArray(),
      db.decisions.where('portfolioId').equals(portfolioId).toArray(),
      db.signOffs.where('portfolioId').equals(portfolioId).toArray(),
      db.iqaSamples.where('portfolioId').equals(portfolioId).toArray(),
      db.declarations.where('portfolioId').equals(portfolioId).toArray(),
      db.actionPlan.where('portfolioId').equals(portfolioId).toArray(),
      db.comments.where('portfolioId').equals(portfolioId).toArray(),
      db.audit.where('portfolioId').equals(portfolioId).toArray(),
    ]);
    const plan = planAssessmentMerge(portfolioId, { decisions, signOffs, iqaSamples, declarations, actionPlan, comments, audit }, manifest, { isActionPlanFromIncoming: false });
    await keepPins(db, portfolioId, pins, at);

    const incomingIds = new Set(evidence.map((item) => item.id));
    const before = new Map(localEvidence.map((item) => [item.id, item.contentHash]));
    const counts = {
      added: evidence.filter((item) => !before.has(item.id)).length,
      changed: evidence.filter((item) => before.has(item.id) && before.get(item.id) !== item.contentHash).length,
      removed: localEvidence.filter((item) => !incomingIds.has(item.id)).length,
    };
    await db.evidence.bulkDelete(localEvidence.filter((item) => !incomingIds.has(item.id)).map((item) => item.id));
    await db.evidence.bulkPut(evidence);
    await db.mappings.where('portfolioId').equals(portfolioId).delete();
    await db.mappings.bulkAdd(manifest.mappings.filter((mapping) => mapping.portfolioId === portfolioId));
    await db.attachments.bulkPut(attachments);
    await db.decisions.bulkAdd(plan.decisions);
    await db.signOffs.bulkAdd(plan.signOffs);
    await db.iqaSamples.bulkAdd(plan.iqaSamples);
    await db.declarations.bulkAdd(plan.declarations);
    await db.actionPlan.bulkPut(plan.actionPlan);
    await db.comments.bulkAdd(plan.comments);
    const summary = `Brought in the learner’s evidence from a package exported ${manifest.exportedAt}: ${counts.added} new, ${counts.changed} changed, ${counts.removed} removed items; your marking was kept.`;
    await db.audit.bulkAdd([...plan.audit, auditEntry(portfolioId, actor, 'import', 'portfolio', portfolioId, summary, at)]);
    const updated: Portfolio = { ...manifest.portfolio, createdAt: portfolio.createdAt, updatedAt: at };
    await db.portfolios.put(updated);
    return { portfolio: updated, counts: plan.counts, alreadyHere: plan.alreadyHere, evidence: counts };
  });
}
