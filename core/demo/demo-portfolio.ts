/**
 * A realistic, deterministic demo portfolio (CONTRACTS.md §3, `demo-package`): one learner in
 * one of the seeds' workplaces, every evidence type, mappings with locators and justifications,
 * witness details, generated pictures and other attachments, a few deliberate gaps, and signed
 * assessor decisions with one unit signed off.
 *
 * Determinism: the same options give the same manifest and the same attachment bytes on every
 * run and machine. Nothing reads the clock or `Math.random`; timestamps count from a fixed base
 * date (2026-03-02) with offsets drawn from the seed. Decisions are signed with a demo Ed25519
 * key made from the seed (never a real assessor's key), and Ed25519 signatures are themselves
 * deterministic, so keys, fingerprints and signatures repeat too: the same options give a
 * byte-identical package. A caller may pass its own `signingKey` instead.
 *
 * Memory: `generateDemoPortfolioLazy` returns attachments as descriptions that make their bytes
 * again on demand, holding at most `retainBytes` of them, so a benchmark can write gigabytes of
 * pictures one at a time. `generateDemoPortfolio` is the simple form (the agreed API) that
 * returns every attachment's bytes in a Map.
 */
import { createSigningKey, signingKeyFromSeed, type SigningKey } from '../integrity/keys';
import { evidenceContentHash } from '../integrity/content-hash';
import { sha256Bytes, sha256Hex } from '../integrity/sha256';
import { ChainSigner, identityOf } from '../integrity/signed-record';
import { ASSESSOR_DECLARATION_TEXT, LEARNER_DECLARATION_TEXT } from '../model/declarations';
import {
  EVIDENCE_TYPES,
  type ActionPlanItem,
  type AssessorDecision,
  type AttachmentRef,
  type AuditEntry,
  type Declaration,
  type EvidenceComment,
  type EvidenceItem,
  type EvidenceType,
  type IqaSample,
  type Mapping,
  type Signer,
  type UnitSignOff,
} from '../model/portfolio';
import { PACKAGE_FORMAT, type PackageManifest, type PackagedAttachment } from '../package/manifest';
import type { MarkingPoint, QualificationSpec } from '../spec/types';
import { MEDIA_TYPES, PICTURE_KINDS, renderAttachment, type AttachmentKind, type AttachmentPlan, type LogRow, type PictureKind } from './attachments';
import { addDays, buildItem, defaultVariant, justify, type Anchor, type BuiltItem, type ItemContext, type NamedModel, type StoryVariant } from './narratives';
import { Rng } from './prng';
import { ASSESSORS, CENTRE, DEMO_SETTINGS, QUALITY_ASSURER, type DemoSetting, type Improvement, type ReactiveCase } from './settings';
import { themeOf, type Theme } from './themes';

/**
 * A demo signer's key (the assessor's, the IQA's or the learner's), made from the seed so every
 * run signs alike. Where the platform has no Ed25519 (an old WebCrypto), a fresh ECDSA key is
 * used and only the signatures vary.
 */
async function demoSigningKey(seed: number, who: 'assessor' | 'iqa' | 'learner' = 'assessor'): Promise<SigningKey> {
  const bytes = new TextEncoder().encode(`portfolio-demo-${who}-key/${seed}`);
  const keySeed = await sha256Bytes(bytes);
  try {
    return await signingKeyFromSeed(keySeed);
  } catch {
    return createSigningKey();
  }
}

export const DEMO_DEFAULTS = { items: 24, images: 6, seed: 1 } as const;
export const DEMO_LIMITS = { items: { min: 1, max: 100_000 }, images: { min: 0, max: 10_000 } } as const;
/** The demo's "today": exports, decisions and declarations are dated just before it. */
export const DEMO_BASE_DATE = '2026-03-02';
export const DEMO_GENERATOR = { name: 'portfolio-builder demo-package', version: '1' } as const;

export interface DemoOptions {
  /** Evidence items (1–100,000; default 24). With 10 or more, every evidence type appears. */
  items?: number;
  /** Pictures, each attached to some item (0–10,000; default 6); PNG and JPEG alternate. */
  images?: number;
  /** Any whole number (default 1). */
  seed?: number;
  /** The specification the portfolio is built against (the CLI passes the built-in one). */
  spec: QualificationSpec;
  /**
   * Roughly how many bytes each picture should take. Left out, pictures are 800×600 and small;
   * given, they are enlarged and grainy so that benchmarks get big, hard-to-compress files
   * (e.g. 200 pictures × 3 MB ≈ 600 MB).
   */
  targetImageBytes?: number;
  /** Whether to add signed assessor decisions and a unit sign-off (default true). */
  isSigned?: boolean;
  /** The assessor's key; a new one is made when signing without one. */
  signingKey?: SigningKey;
}

export interface LazyDemoOptions extends DemoOptions {
  /** Attachment bytes kept in memory after hashing (default 64 MiB); the rest are made again when read. */
  retainBytes?: number;
  /**
   * Called once for each distinct attachment as soon as its bytes are made, so a caller can
   * keep them (e.g. in a temporary file) instead of having them made a second time.
   */
  onAttachment?: (attachment: Omit<DemoAttachment, 'bytes'>, bytes: Uint8Array) => void | Promise<void>;
}

/** One attachment of the demo, whose bytes are made (again) on request. */
export interface DemoAttachment {
  sha256: string;
  name: string;
  mediaType: string;
  size: number;
  /** The bytes; deterministic, so a second call gives the same bytes. */
  bytes(): Uint8Array;
}

export interface LazyDemoPortfolio {
  manifest: PackageManifest;
  /** Each attachment once, in the order of `manifest.attachments`. */
  attachments: DemoAttachment[];
}

export interface DemoPortfolio {
  manifest: PackageManifest;
  /** sha256 hex → bytes. */
  attachments: Map<string, Uint8Array>;
}

/** The agreed API: a whole demo portfolio with every attachment's bytes in memory. */
export async function generateDemoPortfolio(options: DemoOptions): Promise<DemoPortfolio> {
  const lazy = await generateDemoPortfolioLazy({ ...options, retainBytes: Number.POSITIVE_INFINITY });
  return { manifest: lazy.manifest, attachments: new Map(lazy.attachments.map((attachment) => [attachment.sha256, attachment.bytes()])) };
}

// ---------------------------------------------------------------------------------------------

const TYPE_WEIGHTS: Readonly<Record<EvidenceType, number>> = {
  'reflective-account': 4,
  'witness-testimony': 3,
  observation: 2,
  'professional-discussion': 2,
  'case-log': 4,
  'call-recording': 2,
  'customer-feedback': 2,
  'mystery-shopping': 1,
  'work-product': 2,
  'question-answer': 1,
};

const TYPE_NAMES: Readonly<Record<EvidenceType, string>> = {
  'reflective-account': 'reflective account',
  'witness-testimony': 'witness testimony',
  observation: 'observation record',
  'professional-discussion': 'professional discussion',
  'case-log': 'complaint log',
  'call-recording': 'call recording',
  'customer-feedback': 'customer feedback analysis',
  'mystery-shopping': 'mystery shopping report',
  'work-product': 'work product',
  'question-answer': 'question and answer record',
};

/** Above this many items, later items get short narratives so the manifest stays within 64 MiB as long as it can. */
const FULL_DETAIL_ITEMS = 2_000;
const DEFAULT_RETAIN_BYTES = 64 * 1024 * 1024;
const LETTERS = 'ABCDEFGHJKLMNPRSTW';

interface PointInfo {
  unitId: string;
  point: MarkingPoint;
  theme: Theme;
}

interface ItemDraft {
  context: ItemContext;
  built: BuiltItem;
  item: EvidenceItem;
}

function checkWhole(name: string, value: number, min: number, max: number): number {
  if (!Number.isInteger(value) || value < min || value > max) {
    throw new RangeError(`The number of ${name} must be a whole number from ${min} to ${max}, not ${String(value)}.`);
  }
  return value;
}

function instant(date: string, minutesIntoDay: number): string {
  const hours = Math.floor(minutesIntoDay / 60);
  const minutes = minutesIntoDay % 60;
  return `${date}T${String(hours).padStart(2, '0')}:${String(minutes).padStart(2, '0')}:00.000Z`;
}

function laterInstant(at: string, minutes: number): string {
  return new Date(Date.parse(at) + minutes * 60_000).toISOString();
}

/** Demo portfolio with attachments made on demand (see the module comment). */
export async function generateDemoPortfolioLazy(options: LazyDemoOptions): Promise<LazyDemoPortfolio> {
  const itemCount = checkWhole('items', options.items ?? DEMO_DEFAULTS.items, DEMO_LIMITS.items.min, DEMO_LIMITS.items.max);
  const imageCount = checkWhole('images', options.images ?? DEMO_DEFAULTS.images, DEMO_LIMITS.images.min, DEMO_LIMITS.images.max);
  const seed = options.seed ?? DEMO_DEFAULTS.seed;
  if (!Number.isSafeInteger(seed)) throw new RangeError(`The seed must be a whole number, not ${String(seed)}.`);
  if (options.targetImageBytes !== undefined && !(options.targetImageBytes >= 10_000 && options.targetImageBytes <= 512 * 1024 * 1024)) {
    throw new RangeError('The target picture size must be between 10 kB and 512 MB.');
  }
  const spec = structuredClone(options.spec);
  const points = pointsOf(spec);

  const structure = new Rng(seed, 'structure');
  const ids = new Rng(seed, 'ids');
  const setting = structure.pick(DEMO_SETTINGS);
  const learner = structure.pick(setting.learners);
  const assessor = structure.pick(ASSESSORS);
  const leader = setting.witnesses[0] as DemoSetting['witnesses'][number];
  const portfolioId = ids.uuid();
  const startDate = addDays(DEMO_BASE_DATE, -182 + structure.int(0, 6));
  const lastActivity = addDays(DEMO_BASE_DATE, -14);
  const span = daysBetween(addDays(startDate, 5), lastActivity);

  // ---- what each item is
  const types = planTypes(itemCount, structure);
  const drafts: ItemDraft[] = [];
  const storyRng = new Rng(seed, 'stories');
  const incidents = new IncidentPool(setting, storyRng);
  let witnessTurn = storyRng.int(0, setting.witnesses.length - 1);
  let caseLogCount = 0;
  let reflectiveCount = 0;
  let feedbackCount = 0;
  for (let index = 0; index < itemCount; index++) {
    const { type, variant: forcedVariant } = types[index] as PlannedType;
    const itemRng = new Rng(seed, `item:${index}`);
    const dayOffset = 5 + Math.min(span, Math.floor((index * span) / itemCount) + itemRng.int(0, 2));
    let variant = forcedVariant ?? defaultVariant(type);
    if (type === 'reflective-account' && forcedVariant === undefined) {
      variant = reflectiveCount === 0 ? 'reactive' : reflectiveCount === 1 ? 'improvement' : itemRng.chance(0.35) ? 'improvement' : 'reactive';
      reflectiveCount++;
    }
    // The first feedback item analyses a survey; later ones are often one customer's feedback on a complaint.
    if (type === 'customer-feedback') variant = feedbackCount++ > 0 && itemRng.chance(0.7) ? 'reactive' : 'improvement';
    const story = variant === 'reactive' ? incidents.reactiveFor(type, addDays(startDate, dayOffset)) : incidents.improvementFor(type, addDays(startDate, dayOffset));
    const date = story.date;
    const witness = setting.witnesses[witnessTurn % setting.witnesses.length] as DemoSetting['witnesses'][number];
    if (type === 'witness-testimony') witnessTurn++;
    const isRecent = daysBetween(date, DEMO_BASE_DATE) < 24;
    const context: ItemContext = {
      type,
      variant,
      setting,
      learner,
      assessor,
      leader,
      witness,
      customer: story.customer,
      caseRef: story.caseRef,
      date,
      reactive: story.reactive,
      improvement: story.improvement,
      model: story.model,
      isWitnessConfirmed: !(isRecent && itemRng.chance(0.6)) && !itemRng.chance(0.08),
      confirmedOn: addDays(date, 2 + itemRng.int(0, 4)),
      isCaseComplete: type !== 'case-log' || caseLogCount++ === 0 || !itemRng.chance(0.25),
      isCompact: itemCount > FULL_DETAIL_ITEMS && index >= FULL_DETAIL_ITEMS / 4,
      rng: itemRng,
    };
    const built = buildItem(context);
    const createdAt = instant(addDays(date, type === 'witness-testimony' ? 2 : itemRng.int(0, 2)), 8 * 60 + itemRng.int(0, 9 * 60));
    const item: EvidenceItem = {
      id: ids.uuid(),
      portfolioId,
      type,
      title: built.title,
      activityDate: date,
      narrative: built.narrative,
      label: built.label,
      legislation: built.legislation,
      tags: built.tags,
      ...(built.rootCause !== undefined ? { rootCause: built.rootCause } : {}),
      ...(built.prevention !== undefined ? { prevention: built.prevention } : {}),
      details: built.details,
      attachments: [],
      createdAt,
      updatedAt: createdAt,
    };
    drafts.push({ context, built, item });
  }

  // ---- mappings
  const mappingRng = new Rng(seed, 'mappings');
  const gaps = chooseGaps(points, mappingRng);
  const mappings = planMappings(drafts, points, gaps, spec, mappingRng, ids, portfolioId);

  // ---- attachments
  const attachmentRng = new Rng(seed, 'attachments');
  const plans = planAttachments(drafts, imageCount, seed, setting, attachmentRng, options.targetImageBytes);
  const retainBytes = options.retainBytes ?? DEFAULT_RETAIN_BYTES;
  let retained = 0;
  const attachments = new Map<string, DemoAttachment>();
  for (const { plan, draft, name } of plans) {
    const bytes = renderAttachment(plan);
    const sha256 = await sha256Hex(bytes);
    const mediaType = MEDIA_TYPES[plan.kind];
    draft.item.attachments.push({ sha256, name, mediaType, size: bytes.length } satisfies AttachmentRef);
    if (!attachments.has(sha256)) {
      const isKept = retained + bytes.length <= retainBytes;
      if (isKept) retained += bytes.length;
      const kept = isKept ? bytes : undefined;
      attachments.set(sha256, { sha256, name, mediaType, size: bytes.length, bytes: () => kept ?? renderAttachment(plan) });
      await options.onAttachment?.({ sha256, name, mediaType, size: bytes.length }, bytes);
    }
  }
  for (const draft of drafts) {
    if (draft.item.type === 'call-recording' && draft.item.attachments.some((attachment) => attachment.mediaType === 'audio/wav')) {
      draft.item.narrative +=
        '\n\nThe attached audio file is the tone-only placeholder the call-quality system exports: the customer\'s voice never leaves the system, so my assessor listened to the full call there.';
    }
  }

  // ---- assessor's work: decisions, sign-off, IQA samples, action plan, comments
  const evidence = drafts.map((draft) => draft.item);
  const assessorRng = new Rng(seed, 'assessor');
  const learnerNumber = `L${String(100000 + new Rng(seed, 'learner-number').int(0, 899999))}`;
  const identity = identityOf({ learner: { name: learner, number: learnerNumber }, qualificationId: spec.id, qualificationVersion: spec.version });
  const isSigned = options.isSigned !== false;
  const [assessorKey, iqaKey, learnerKey] = isSigned
    ? await Promise.all([options.signingKey ?? demoSigningKey(seed, 'assessor'), demoSigningKey(seed, 'iqa'), demoSigningKey(seed, 'learner')])
    : [undefined, undefined, undefined];
  const assessorNumber = `A${String(assessorRng.int(1000, 9999))}`;
  const signers: DemoSigners | undefined =
    assessorKey && iqaKey
      ? {
          assessor: { signer: { role: 'assessor', name: assessor, number: assessorNumber, centre: CENTRE.name, keyFingerprint: assessorKey.fingerprint }, chain: new ChainSigner(assessorKey, identity) },
          iqa: { signer: { role: 'iqa', name: QUALITY_ASSURER, number: 'Q2210', centre: CENTRE.name, keyFingerprint: iqaKey.fingerprint }, chain: new ChainSigner(iqaKey, identity) },
        }
      : undefined;
  const judged: Judged = signers
    ? await planDecisions(spec, points, gaps, mappings, evidence, assessorRng, ids, portfolioId, signers, options)
    : { decisions: [], signOffs: [], iqaSamples: [], notYet: [], lastSignedAt: undefined };
  const actionPlan = planActions(points, gaps, judged.notYet, ids, portfolioId, assessor, setting);
  const comments = planComments(drafts, ids, portfolioId, assessor);

  // ---- declarations (signed records when signing) and audit trail
  const learnerDeclaration = {
    id: ids.uuid(),
    portfolioId,
    kind: 'learner-authenticity',
    name: learner,
    text: LEARNER_DECLARATION_TEXT,
    signedAt: instant(addDays(DEMO_BASE_DATE, -3), 16 * 60 + 5),
  } satisfies Declaration;
  const declarations: Declaration[] = [
    learnerKey
      ? await new ChainSigner(learnerKey, identity).sign('declaration', { ...learnerDeclaration, signer: { role: 'learner', name: learner, keyFingerprint: learnerKey.fingerprint } })
      : learnerDeclaration,
  ];
  if (signers && judged.decisions.length > 0) {
    const signedAt = laterInstant(judged.lastSignedAt ?? instant(addDays(DEMO_BASE_DATE, -1), 15 * 60), 40);
    declarations.push(
      await signers.assessor.chain.sign('declaration', { id: ids.uuid(), portfolioId, kind: 'assessor', name: assessor, text: ASSESSOR_DECLARATION_TEXT, signedAt, signer: signers.assessor.signer }),
    );
  }

  const createdAt = instant(startDate, 9 * 60 + 30);
  const exportedAt = instant(DEMO_BASE_DATE, 16 * 60 + 30);
  const audit = buildAudit({ ids, portfolioId, learner, assessor, createdAt, exportedAt, drafts, mappings, declarations, judged, actionPlan, comments });
  const updatedAt = audit.filter((entry) => entry.action !== 'export').reduce((latest, entry) => (entry.at > latest ? entry.at : latest), createdAt);

  const packaged: PackagedAttachment[] = [...attachments.values()].map(({ sha256, size, mediaType }) => ({ sha256, size, mediaType }));
  const manifest: PackageManifest = {
    format: PACKAGE_FORMAT,
    exportedAt,
    generator: { ...DEMO_GENERATOR },
    portfolio: {
      id: portfolioId,
      learner: { name: learner, number: learnerNumber },
      centre: { ...CENTRE },
      assessorName: assessor,
      qualificationId: spec.id,
      qualificationVersion: spec.version,
      createdAt,
      updatedAt,
    },
    qualification: spec,
    evidence,
    mappings,
    decisions: judged.decisions,
    signOffs: judged.signOffs,
    iqaSamples: judged.iqaSamples,
    declarations,
    actionPlan,
    comments,
    audit,
    attachments: packaged,
  };
  return { manifest, attachments: [...attachments.values()] };
}

function pushTo<K, V>(map: Map<K, V[]>, key: K, value: V): void {
  const list = map.get(key);
  if (list === undefined) map.set(key, [value]);
  else list.push(value);
}

function daysBetween(from: string, to: string): number {
  return Math.round((Date.parse(`${to}T00:00:00Z`) - Date.parse(`${from}T00:00:00Z`)) / 86_400_000);
}

function pointsOf(spec: QualificationSpec): PointInfo[] {
  return spec.units.flatMap((unit) =>
    unit.learningOutcomes.flatMap((outcome) => outcome.markingPoints.map((point) => ({ unitId: unit.id, point, theme: themeOf(point.text) }))),
  );
}

// ---------------------------------------------------------------------------------------------
// Item types and stories

interface PlannedType {
  type: EvidenceType;
  variant?: StoryVariant;
}

/** Every type once (given 10 or more items), a reflective account on an improvement project, then a realistic mix. */
function planTypes(count: number, rng: Rng): PlannedType[] {
  const planned: PlannedType[] = [];
  if (count >= EVIDENCE_TYPES.length) {
    planned.push(...EVIDENCE_TYPES.map((type): PlannedType => ({ type, ...(type === 'reflective-account' ? { variant: 'reactive' as const } : {}) })));
    if (count > EVIDENCE_TYPES.length) planned.push({ type: 'reflective-account', variant: 'improvement' });
  }
  const weighted = EVIDENCE_TYPES.flatMap((type) => Array.from({ length: TYPE_WEIGHTS[type] }, () => type));
  if (count < EVIDENCE_TYPES.length) {
    // Too few items for every type: take distinct types, reflective accounts and case logs first.
    const preferred: EvidenceType[] = ['reflective-account', 'case-log', 'witness-testimony', 'work-product', 'call-recording', 'customer-feedback'];
    const rest = rng.shuffle(EVIDENCE_TYPES.filter((type) => !preferred.includes(type)));
    return [...preferred, ...rest].slice(0, count).map((type) => ({ type }));
  }
  while (planned.length < count) planned.push({ type: rng.pick(weighted) });
  return rng.shuffle(planned);
}

interface Story {
  date: string;
  customer: string;
  caseRef: string;
  reactive: ReactiveCase;
  improvement: Improvement;
  model: NamedModel;
}

const SUITS: Partial<Record<EvidenceType, (project: Improvement) => boolean>> = {
  'customer-feedback': (project) => /survey|feedback/i.test(project.dataSource) && !/mystery/i.test(project.dataSource),
  'mystery-shopping': (project) => /mystery/i.test(`${project.methods} ${project.dataSource}`),
};

/**
 * Several items often evidence the same complaint (a reflective account, the case log and a
 * witness testimony about one call), as in a real portfolio; a new incident starts when the
 * current one already has an item of the same type, or by chance.
 */
class IncidentPool {
  private current: Story | undefined;
  private currentTypes = new Set<EvidenceType>();
  private caseTurn: number;
  private projectTurn: number;
  private project: Improvement;
  private projectItems = 0;

  constructor(
    private readonly setting: DemoSetting,
    private readonly rng: Rng,
  ) {
    this.caseTurn = rng.int(0, setting.reactive.length - 1);
    this.projectTurn = rng.int(0, setting.improvements.length - 1);
    this.project = setting.improvements[this.projectTurn % setting.improvements.length] as Improvement;
  }

  reactiveFor(type: EvidenceType, date: string): Story {
    const current = this.current;
    if (current !== undefined && !this.currentTypes.has(type) && this.currentTypes.size < 4 && !this.rng.chance(0.35) && daysBetween(current.date, date) <= 10) {
      this.currentTypes.add(type);
      return current;
    }
    const reactive = this.setting.reactive[this.caseTurn++ % this.setting.reactive.length] as ReactiveCase;
    const letter = LETTERS.charAt(this.rng.int(0, LETTERS.length - 1));
    const story: Story = {
      date,
      customer: reactive.honorific === 'Customer' ? `Customer ${letter}` : `${reactive.honorific} ${letter}`,
      caseRef: `${this.setting.caseRefPrefix}-${date.slice(0, 4)}-${String(this.rng.int(10000, 99999))}`,
      reactive,
      improvement: this.project,
      model: this.rng.pick(['HEAT', 'LATER', 'AAAA'] as const),
    };
    this.current = story;
    this.currentTypes = new Set([type]);
    return story;
  }

  improvementFor(type: EvidenceType, date: string): Story {
    if (this.projectItems >= 3 + this.rng.int(0, 2)) {
      this.project = this.setting.improvements[++this.projectTurn % this.setting.improvements.length] as Improvement;
      this.projectItems = 0;
    }
    this.projectItems++;
    // A feedback analysis needs a project built on customer feedback, and mystery shopping one
    // that used it, where the setting has one; other types fit any project.
    const suits = SUITS[type];
    const project = suits === undefined || suits(this.project) ? this.project : (this.setting.improvements.find(suits) ?? this.project);
    const base = this.current ?? this.reactiveFor('question-answer', date);
    return { ...base, date, improvement: project };
  }
}

// ---------------------------------------------------------------------------------------------
// Mappings

/** 2–4 marking points left without evidence (fewer for small specifications), spread across units. */
function chooseGaps(points: readonly PointInfo[], rng: Rng): Set<string> {
  const count = Math.min(2 + rng.int(0, 2), Math.floor(points.length / 4));
  const gaps = new Set<string>();
  const usedUnits = new Set<string>();
  const order = rng.shuffle(points);
  for (const info of order) {
    if (gaps.size >= count) break;
    if (usedUnits.has(info.unitId)) continue;
    gaps.add(info.point.id);
    usedUnits.add(info.unitId);
  }
  for (const info of order) {
    if (gaps.size >= count) break;
    gaps.add(info.point.id);
  }
  return gaps;
}

function planMappings(
  drafts: readonly ItemDraft[],
  points: readonly PointInfo[],
  gaps: ReadonlySet<string>,
  spec: QualificationSpec,
  rng: Rng,
  ids: Rng,
  portfolioId: string,
): Mapping[] {
  const open = points.filter((info) => !gaps.has(info.point.id));
  if (open.length === 0) return [];
  const pairs = new Map<string, Set<string>>(); // evidence id → marking point ids
  const counts = new Array<number>(drafts.length).fill(0);
  const planned: Array<{ draftIndex: number; info: PointInfo }> = [];
  const add = (draftIndex: number, info: PointInfo): boolean => {
    const draft = drafts[draftIndex] as ItemDraft;
    const mapped = pairs.get(draft.item.id) ?? new Set<string>();
    if (mapped.has(info.point.id)) return false;
    mapped.add(info.point.id);
    pairs.set(draft.item.id, mapped);
    counts[draftIndex] = (counts[draftIndex] ?? 0) + 1;
    planned.push({ draftIndex, info });
    return true;
  };
  // What each item can show is what its anchors show (compact items show less).
  const themes = drafts.map((draft) => [...new Set(draft.built.anchors.flatMap((anchor) => anchor.themes))]);
  const byTheme = new Map<Theme, number[]>();
  themes.forEach((list, index) => {
    for (const theme of list) pushTo(byTheme, theme, index);
  });
  const fits = (draftIndex: number, info: PointInfo): boolean => info.theme === 'general' || (themes[draftIndex] ?? []).includes(info.theme);
  /** The least-used of a few fitting items, so evidence spreads across the portfolio. */
  const chooseFor = (info: PointInfo, filter: (index: number) => boolean = () => true): number | undefined => {
    const fitting = (info.theme === 'general' ? drafts.map((_, index) => index) : (byTheme.get(info.theme) ?? [])).filter(filter);
    if (fitting.length === 0) return undefined;
    const sample = fitting.length <= 8 ? fitting : Array.from({ length: 8 }, () => rng.pick(fitting));
    return sample.reduce((best, index) => ((counts[index] ?? 0) < (counts[best] ?? 0) ? index : best), sample[0] as number);
  };

  // 1. Every open marking point gets evidence from an item that can show it. With too few
  //    items for that, the point is left as a further gap rather than mapped to something
  //    that does not show it.
  for (const info of open) {
    const chosen = chooseFor(info);
    if (chosen !== undefined) add(chosen, info);
  }
  // 2. Every item is mapped somewhere, and some to a second point.
  const openByTheme = new Map<Theme, PointInfo[]>();
  for (const info of open) pushTo(openByTheme, info.theme, info);
  const generalPoints = openByTheme.get('general') ?? [];
  drafts.forEach((_, index) => {
    const fitting = [...(themes[index] ?? []).flatMap((theme) => openByTheme.get(theme) ?? []), ...generalPoints];
    const isCompact = (drafts[index] as ItemDraft).context.isCompact;
    const wanted = (counts[index] ?? 0) === 0 ? 1 + (!isCompact && rng.chance(0.5) ? 1 : 0) : !isCompact && rng.chance(0.25) ? 1 : 0;
    for (let attempt = 0, added = 0; fitting.length > 0 && added < wanted && attempt < 6; attempt++) {
      if (add(index, rng.pick(fitting))) added++;
    }
  });
  // 3. What each unit asks of its evidence as a whole: a reflective account, three or more
  //    types, and both reactive and proactive work.
  for (const unit of spec.units) {
    const unitOpen = open.filter((info) => info.unitId === unit.id);
    if (unitOpen.length === 0) continue;
    const unitItems = (): number[] => planned.filter((entry) => entry.info.unitId === unit.id).map((entry) => entry.draftIndex);
    const ensure = (isSatisfied: (indices: number[]) => boolean, candidateFor: (indices: number[]) => (index: number) => boolean): void => {
      const indices = unitItems();
      if (isSatisfied(indices)) return;
      const candidate = candidateFor(indices);
      // Only evidence that can show one of the unit's points is added: an unfitting mapping
      // would satisfy a rule while misleading the assessor.
      for (const info of rng.shuffle(unitOpen)) {
        const chosen = chooseFor(info, candidate);
        if (chosen !== undefined && add(chosen, info)) return;
      }
    };
    const typeOf = (index: number): EvidenceType => (drafts[index] as ItemDraft).item.type;
    const labelOf = (index: number): string | undefined => (drafts[index] as ItemDraft).item.label;
    ensure(
      (indices) => indices.some((index) => typeOf(index) === 'reflective-account'),
      () => (index) => typeOf(index) === 'reflective-account',
    );
    for (let round = 0; round < 2; round++) {
      ensure(
        (indices) => new Set(indices.map(typeOf)).size >= 3,
        (indices) => {
          const present = new Set(indices.map(typeOf));
          return (index) => !present.has(typeOf(index));
        },
      );
    }
    ensure(
      (indices) => indices.some((index) => labelOf(index) !== 'proactive'),
      () => (index) => labelOf(index) !== 'proactive',
    );
    ensure(
      (indices) => indices.some((index) => labelOf(index) !== 'reactive'),
      () => (index) => labelOf(index) !== 'reactive',
    );
  }

  return planned.map(({ draftIndex, info }) => {
    const draft = drafts[draftIndex] as ItemDraft;
    const isFitting = fits(draftIndex, info);
    const anchors = draft.built.anchors.filter((anchor) => anchor.themes.includes(info.theme));
    const anchor: Anchor | undefined = isFitting && anchors.length > 0 ? rng.pick(anchors) : draft.built.anchors[0];
    const theme: Theme = isFitting && anchors.length > 0 ? info.theme : 'general';
    const locator = anchor?.locator ?? { kind: 'paragraph' as const, paragraph: 1 };
    return {
      id: ids.uuid(),
      portfolioId,
      evidenceId: draft.item.id,
      markingPointId: info.point.id,
      locator,
      justification: justify(theme, anchor, draft.context, info.point.label ?? info.point.id),
      createdAt: laterInstant(draft.item.createdAt, 5 + rng.int(0, 50)),
    } satisfies Mapping;
  });
}

// ---------------------------------------------------------------------------------------------
// Attachments

interface PlannedAttachment {
  plan: AttachmentPlan;
  draft: ItemDraft;
  name: string;
}

/** Which items each kind of picture belongs on, in order of preference. */
const PICTURE_HOMES: Readonly<Record<PictureKind, readonly EvidenceType[]>> = {
  'complaint-log': ['case-log', 'observation'],
  whiteboard: ['work-product', 'professional-discussion', 'reflective-account'],
  'bar-chart': ['customer-feedback', 'work-product'],
  'kpi-chart': ['mystery-shopping', 'customer-feedback', 'work-product'],
};

const PICTURE_NAMES: Readonly<Record<PictureKind, string>> = {
  'complaint-log': 'complaint-log-screenshot',
  whiteboard: 'action-plan-whiteboard',
  'bar-chart': 'complaints-by-category',
  'kpi-chart': 'kpi-trend',
};

function planAttachments(
  drafts: readonly ItemDraft[],
  imageCount: number,
  seed: number,
  setting: DemoSetting,
  rng: Rng,
  targetImageBytes: number | undefined,
): PlannedAttachment[] {
  const planned: PlannedAttachment[] = [];
  const cursors = new Map<PictureKind, number>();
  const homesOf = new Map<PictureKind, ItemDraft[]>();
  for (const kind of PICTURE_KINDS) {
    const homes = drafts.filter((draft) => PICTURE_HOMES[kind].includes(draft.item.type));
    homesOf.set(kind, homes.length > 0 ? homes : [...drafts]);
  }
  const sizing = new PictureSizing(seed, setting, targetImageBytes);
  for (let index = 0; index < imageCount; index++) {
    const kind = PICTURE_KINDS[index % PICTURE_KINDS.length] as PictureKind;
    const homes = homesOf.get(kind) as ItemDraft[];
    const cursor = cursors.get(kind) ?? 0;
    cursors.set(kind, cursor + 1);
    const draft = homes[cursor % homes.length] as ItemDraft;
    const plan = basePlan(kind, index, seed, setting, draft, rng);
    Object.assign(plan, sizing.sizeFor(kind, plan));
    const extension = MEDIA_TYPES[kind] === 'image/png' ? 'png' : 'jpg';
    planned.push({ plan, draft, name: `${PICTURE_NAMES[kind]}-${String(index + 1).padStart(2, '0')}.${extension}` });
  }
  // Other attachments: a tone-only placeholder on the first two call recordings, and a
  // complaint-log export on the first case log.
  const calls = drafts.filter((draft) => draft.item.type === 'call-recording').slice(0, 2);
  calls.forEach((draft, index) => planned.push({ plan: basePlan('audio', imageCount + index, seed, setting, draft, rng), draft, name: `call-recording-placeholder-${draft.context.caseRef}.wav` }));
  const log = drafts.find((draft) => draft.item.type === 'case-log');
  if (log) planned.push({ plan: basePlan('csv', imageCount + 2, seed, setting, log, rng), draft: log, name: 'complaint-log-export.csv' });
  return planned;
}

function basePlan(kind: AttachmentKind, index: number, seed: number, setting: DemoSetting, draft: ItemDraft, rng: Rng): AttachmentPlan {
  const { context } = draft;
  const highlight = rng.int(0, 10);
  const rows: LogRow[] = Array.from({ length: 11 }, (_, row): LogRow => {
    if (row === highlight) {
      return { caseRef: context.caseRef, opened: context.date, category: context.reactive.category, status: context.isCaseComplete ? 'CLOSED' : 'OPEN' };
    }
    return {
      caseRef: `${setting.caseRefPrefix}-${context.date.slice(0, 4)}-${String(rng.int(10000, 99999))}`,
      opened: addDays(context.date, rng.int(-20, 3)),
      category: rng.pick(setting.categories),
      status: rng.pick(['OPEN', 'RESOLVED', 'CLOSED', 'CLOSED', 'ESCALATED'] as const),
    };
  });
  const project = context.improvement;
  return {
    kind,
    seed,
    index,
    setting,
    rows,
    highlight,
    kpi: project.kpi,
    topic: project.topic,
    notes: [...project.actions.map((action) => action.replace(/\s*\(.*?\)/g, '').replace(/\.$/, '')), 'Review results in six weeks'],
    width: 800,
    height: 600,
    grain: 0,
    jpegQuality: kind === 'whiteboard' ? 82 : 88,
    pngLevel: 6,
  };
}

/**
 * Picture dimensions. By default 800×600; with a target size, the picture is enlarged and
 * grainy, its bytes per pixel measured once per kind on a small sample, and its size chosen so
 * the encoded file lands near the target.
 */
class PictureSizing {
  private readonly bytesPerPixel = new Map<PictureKind, number>();

  constructor(
    private readonly seed: number,
    private readonly setting: DemoSetting,
    private readonly target: number | undefined,
  ) {}

  sizeFor(kind: PictureKind, plan: AttachmentPlan): Pick<AttachmentPlan, 'width' | 'height' | 'grain' | 'jpegQuality' | 'pngLevel'> {
    if (this.target === undefined) return { width: plan.width, height: plan.height, grain: 0, jpegQuality: plan.jpegQuality, pngLevel: 6 };
    // Strong grain at full JPEG quality gives about 3 bytes a pixel, and stored (level 0)
    // PNG exactly 3, so the pictures stay few pixels for their size and quick to make.
    const heavy = { grain: 40, jpegQuality: 100, pngLevel: 0 as const };
    let perPixel = this.bytesPerPixel.get(kind);
    if (perPixel === undefined) {
      const sample = renderAttachment({ ...plan, ...heavy, width: 400, height: 300 });
      perPixel = sample.length / (400 * 300);
      this.bytesPerPixel.set(kind, perPixel);
    }
    const pixels = this.target / perPixel;
    const scale = Math.sqrt(pixels / (800 * 600));
    const width = Math.max(160, Math.min(16_000, Math.round(800 * scale)));
    return { ...heavy, width, height: Math.round((width * 3) / 4) };
  }
}

// ---------------------------------------------------------------------------------------------
// Assessor decisions and sign-off

interface Judged {
  decisions: AssessorDecision[];
  signOffs: UnitSignOff[];
  iqaSamples: IqaSample[];
  notYet: PointInfo[];
  /** When the last of these was signed (the assessor's declaration follows it). */
  lastSignedAt: string | undefined;
}

const MET_FEEDBACK = [
  (title: string, point: string): string =>
    `Met. "${title}" shows ${point} clearly, and the locator takes me straight to it. Your own reflection on why you acted as you did makes it convincing.`,
  (title: string, point: string): string =>
    `Met. I am satisfied that "${title}" is your own work and covers ${point}. Well done for explaining the reasons behind what you did, not just the steps.`,
  (title: string, point: string): string =>
    `Met. Good, specific evidence for ${point} in "${title}". The detail about what you checked and why is exactly what I look for.`,
];

/** Who signs in the demo, each with a key made from the seed, and what they sign for. */
interface DemoSigners {
  assessor: { signer: Signer; chain: ChainSigner };
  iqa: { signer: Signer; chain: ChainSigner };
}

async function planDecisions(
  spec: QualificationSpec,
  points: readonly PointInfo[],
  gaps: ReadonlySet<string>,
  mappings: readonly Mapping[],
  evidence: readonly EvidenceItem[],
  rng: Rng,
  ids: Rng,
  portfolioId: string,
  signers: DemoSigners,
  options: DemoOptions,
): Promise<Judged> {
  const none: Judged = { decisions: [], signOffs: [], iqaSamples: [], notYet: [], lastSignedAt: undefined };
  if (options.isSigned === false || mappings.length === 0) return none;
  const byPoint = new Map<string, Mapping[]>();
  for (const mapping of mappings) pushTo(byPoint, mapping.markingPointId, mapping);
  const evidenceById = new Map(evidence.map((item) => [item.id, item]));
  const latestCreated = evidence.reduce((latest, item) => (item.updatedAt > latest ? item.updatedAt : latest), '');

  // One unit is signed off: the smallest with every marking point evidenced (and more than one).
  const units = spec.units
    .map((unit) => ({ unit, ids: unit.learningOutcomes.flatMap((outcome) => outcome.markingPoints.map((point) => point.id)) }))
    .filter(({ ids: unitIds }) => unitIds.every((id) => !gaps.has(id) && byPoint.has(id)))
    .sort((a, b) => a.ids.length - b.ids.length);
  const signedUnit = units.find(({ ids: unitIds }) => unitIds.length > 1) ?? units[0];
  const signedPoints = points.filter((info) => signedUnit?.ids.includes(info.point.id));
  const others = rng.shuffle(points.filter((info) => byPoint.has(info.point.id) && !signedUnit?.ids.includes(info.point.id)));
  const notYet = others.slice(0, 1);
  const alsoMet = others.slice(1, 1 + 2 + rng.int(0, 2));

  const { assessor, iqa } = signers;
  let clockAt = laterInstant(latestCreated === '' ? instant(addDays(DEMO_BASE_DATE, -9), 9 * 60) : latestCreated, 24 * 60);
  if (clockAt < instant(addDays(DEMO_BASE_DATE, -9), 9 * 60)) clockAt = instant(addDays(DEMO_BASE_DATE, -9), 9 * 60);

  const decisions: AssessorDecision[] = [];
  const decide = async (info: PointInfo, status: 'met' | 'not-yet', feedbackOverride?: string): Promise<AssessorDecision> => {
    const mapped = (byPoint.get(info.point.id) ?? []).slice(0, 3);
    const items = mapped.map((mapping) => evidenceById.get(mapping.evidenceId)).filter((item): item is EvidenceItem => item !== undefined);
    const judgedEvidence = await Promise.all(items.map(async (item) => ({ evidenceId: item.id, contentHash: await evidenceContentHash(item) })));
    const title = items[0]?.title ?? 'your evidence';
    const point = info.point.label === undefined ? info.point.id : `${info.point.id} ("${info.point.label}")`;
    const feedback =
      feedbackOverride ??
      (status === 'met'
        ? (MET_FEEDBACK[rng.int(0, MET_FEEDBACK.length - 1)] as (typeof MET_FEEDBACK)[number])(title, point)
        : `Not yet met. "${title}" describes what happened, but it does not yet show ${point} in enough depth. Add a specific example in your own words, say what you did and why, and map it with a locator so I can find it. We will look at it again at your next review.`);
    clockAt = laterInstant(clockAt, 7 + rng.int(0, 30));
    const decision = await assessor.chain.sign('decision', { id: ids.uuid(), portfolioId, markingPointId: info.point.id, status, feedback, evidence: judgedEvidence, signer: assessor.signer, decidedAt: clockAt });
    decisions.push(decision);
    return decision;
  };

  const unitDecisions: AssessorDecision[] = [];
  for (const info of signedPoints) unitDecisions.push(await decide(info, 'met'));
  for (const info of alsoMet) await decide(info, 'met');
  // The marking point still to do was first judged met; the IQA then asked the assessor to look
  // again, and the assessor's later "not yet met" replaces the earlier "met".
  const firstJudged = [];
  for (const info of notYet) firstJudged.push({ info, decision: await decide(info, 'met') });

  const signOffs: UnitSignOff[] = [];
  if (signedUnit && unitDecisions.length > 0) {
    clockAt = laterInstant(clockAt, 20);
    signOffs.push(
      await assessor.chain.sign('unit-sign-off', {
        id: ids.uuid(),
        portfolioId,
        unitId: signedUnit.unit.id,
        declaration: `I confirm that every marking point of unit ${signedUnit.unit.id} is met by evidence that is the learner's own work, judged against the specification.`,
        decisionIds: unitDecisions.map((decision) => decision.id),
        signer: assessor.signer,
        signedAt: clockAt,
      }),
    );
  }

  // The internal quality assurer samples the signed-off unit (and agrees), and the unit of the
  // point still to do (and asks the assessor to act).
  const iqaSamples: IqaSample[] = [];
  const unitOf = (pointId: string): string | undefined => points.find((info) => info.point.id === pointId)?.unitId;
  if (signedUnit && unitDecisions.length > 0) {
    clockAt = laterInstant(clockAt, 24 * 60);
    iqaSamples.push(
      await iqa.chain.sign('iqa-sample', {
        id: ids.uuid(),
        portfolioId,
        unitId: signedUnit.unit.id,
        outcome: 'agree',
        comments: `Sampled every decision on unit ${signedUnit.unit.id}. The evidence is the learner's own, the locators lead straight to it, and the feedback tells the learner why each point is met. I agree with the assessor.`,
        decisionIds: unitDecisions.map((decision) => decision.id),
        signer: iqa.signer,
        sampledAt: clockAt,
      }),
    );
  }
  for (const { info, decision } of firstJudged) {
    const unitId = unitOf(info.point.id);
    if (unitId === undefined) continue;
    const current = new Map<string, AssessorDecision>();
    for (const candidate of decisions) if (unitOf(candidate.markingPointId) === unitId) current.set(candidate.markingPointId, candidate);
    clockAt = laterInstant(clockAt, 60);
    iqaSamples.push(
      await iqa.chain.sign('iqa-sample', {
        id: ids.uuid(),
        portfolioId,
        unitId,
        outcome: 'assessor-to-act',
        comments: `The decision on ${info.point.id} rests on evidence that describes the situation but not what the learner did and why. Please look at it again with the learner.`,
        decisionIds: [...current.values()].map((sampled) => sampled.id),
        signer: iqa.signer,
        sampledAt: clockAt,
      }),
    );
    clockAt = laterInstant(clockAt, 24 * 60);
    await decide(
      info,
      'not-yet',
      `Not yet met. Looking again after the quality assurance sample, the evidence for ${info.point.id} does not yet show it in enough depth. Add a specific example in your own words, say what you did and why, and map it with a locator. My earlier decision of ${decision.decidedAt.slice(0, 10)} is replaced by this one.`,
    );
  }
  return { decisions, signOffs, iqaSamples, notYet, lastSignedAt: clockAt };
}

function planActions(points: readonly PointInfo[], gaps: ReadonlySet<string>, notYet: readonly PointInfo[], ids: Rng, portfolioId: string, assessor: string, setting: DemoSetting): ActionPlanItem[] {
  const createdAt = instant(addDays(DEMO_BASE_DATE, -3), 11 * 60);
  const actions: ActionPlanItem[] = [];
  for (const info of points.filter((candidate) => gaps.has(candidate.point.id))) {
    actions.push({
      id: ids.uuid(),
      portfolioId,
      action: `Gather evidence for ${info.point.id} (${info.point.label ?? 'see the marking point'}). Talk to ${setting.witnesses[0]?.name ?? 'your team leader'} about a piece of work at ${setting.organisation} that shows it, then write it up and map it.`,
      targetDate: addDays(DEMO_BASE_DATE, 28),
      unitId: info.unitId,
      status: 'open',
      createdBy: assessor,
      createdAt,
    });
  }
  for (const info of notYet) {
    actions.push({
      id: ids.uuid(),
      portfolioId,
      action: `Strengthen the evidence for ${info.point.id}: add a specific example in your own words and map it with a locator.`,
      targetDate: addDays(DEMO_BASE_DATE, 21),
      unitId: info.unitId,
      status: 'open',
      createdBy: assessor,
      createdAt,
    });
  }
  actions.push({
    id: ids.uuid(),
    portfolioId,
    action: 'Sign the learner declaration before the portfolio is sampled.',
    targetDate: addDays(DEMO_BASE_DATE, -3),
    status: 'done',
    createdBy: assessor,
    createdAt: instant(addDays(DEMO_BASE_DATE, -20), 10 * 60),
  });
  return actions;
}

function planComments(drafts: readonly ItemDraft[], ids: Rng, portfolioId: string, assessor: string): EvidenceComment[] {
  const comments: EvidenceComment[] = [];
  const at = (draft: ItemDraft): string => laterInstant(draft.item.createdAt, 3 * 24 * 60);
  const pending = drafts.find((draft) => draft.item.details.type === 'witness-testimony' && draft.item.details.witness.confirmedOn === undefined);
  if (pending && pending.item.details.type === 'witness-testimony') {
    comments.push({ id: ids.uuid(), portfolioId, evidenceId: pending.item.id, author: assessor, text: `Please ask ${pending.item.details.witness.name} to confirm this statement; I cannot rely on it until they have.`, createdAt: at(pending) });
  }
  const open = drafts.find((draft) => draft.item.details.type === 'case-log' && !draft.item.details.stagesCovered.includes('resolution'));
  if (open) comments.push({ id: ids.uuid(), portfolioId, evidenceId: open.item.id, author: assessor, text: 'Update this log when the case closes so it shows the resolution and the follow-up call.', createdAt: at(open) });
  const reflective = drafts.find((draft) => draft.item.type === 'reflective-account');
  if (reflective) {
    comments.push({
      id: ids.uuid(),
      portfolioId,
      evidenceId: reflective.item.id,
      author: assessor,
      text: 'A strong reflective account: the way you link the root cause to the change you asked for is exactly what the unit is after.',
      createdAt: at(reflective),
    });
  }
  return comments;
}

// ---------------------------------------------------------------------------------------------
// Audit trail

interface AuditInput {
  ids: Rng;
  portfolioId: string;
  learner: string;
  assessor: string;
  createdAt: string;
  exportedAt: string;
  drafts: readonly ItemDraft[];
  mappings: readonly Mapping[];
  declarations: readonly Declaration[];
  judged: Judged;
  actionPlan: readonly ActionPlanItem[];
  comments: readonly EvidenceComment[];
}

function buildAudit(input: AuditInput): AuditEntry[] {
  const { ids, portfolioId, learner, assessor } = input;
  const entries: AuditEntry[] = [];
  const log = (at: string, actor: string, action: AuditEntry['action'], entity: AuditEntry['entity'], entityId: string, summary: string): void => {
    entries.push({ id: ids.uuid(), portfolioId, at, actor, action, entity, entityId, summary });
  };
  log(input.createdAt, learner, 'create', 'portfolio', portfolioId, 'Started the portfolio.');
  const mapped = new Map<string, string[]>();
  for (const mapping of input.mappings) pushTo(mapped, mapping.evidenceId, mapping.markingPointId);
  for (const { item, context } of input.drafts) {
    const isCompact = context.isCompact;
    const points = mapped.get(item.id) ?? [];
    log(item.createdAt, learner, 'create', 'evidence', item.id, isCompact ? `Added ${/^[aeiou]/.test(TYPE_NAMES[item.type]) ? 'an' : 'a'} ${TYPE_NAMES[item.type]}.` : `Added "${item.title}"${points.length > 0 ? `, mapped to ${points.join(', ')}` : ''}.`);
    for (const attachment of item.attachments) {
      log(laterInstant(item.createdAt, 1), learner, 'create', 'attachment', attachment.sha256, `Attached ${attachment.name} to "${item.title}".`);
    }
  }
  for (const declaration of input.declarations) {
    log(declaration.signedAt, declaration.name, declaration.signature ? 'sign' : 'create', 'declaration', declaration.id, declaration.kind === 'learner-authenticity' ? 'Signed the learner declaration.' : 'Signed the assessor declaration.');
  }
  for (const decision of input.judged.decisions) {
    log(decision.decidedAt, assessor, 'sign', 'decision', decision.id, `Judged ${decision.markingPointId} ${decision.status === 'met' ? 'met' : 'not yet met'}.`);
  }
  for (const signOff of input.judged.signOffs) log(signOff.signedAt, assessor, 'sign', 'sign-off', signOff.id, `Signed off unit ${signOff.unitId}.`);
  for (const sample of input.judged.iqaSamples) {
    log(sample.sampledAt, sample.signer.name, 'sign', 'iqa-sample', sample.id, `Sampled unit ${sample.unitId}: ${sample.outcome === 'agree' ? 'agrees with the assessor' : 'assessor to act'}.`);
  }
  for (const action of input.actionPlan) log(action.createdAt, assessor, 'create', 'action-plan', action.id, `Added an action: ${action.action.slice(0, 80)}`);
  for (const comment of input.comments) log(comment.createdAt, assessor, 'create', 'comment', comment.id, 'Commented on an evidence item.');
  log(input.exportedAt, learner, 'export', 'portfolio', portfolioId, 'Exported the portfolio package.');
  // Stable sort: entries at the same instant keep the order they were made in.
  return entries.map((entry, order) => ({ entry, order })).sort((a, b) => (a.entry.at < b.entry.at ? -1 : a.entry.at > b.entry.at ? 1 : a.order - b.order)).map(({ entry }) => entry);
}
