/**
 * "What's missing": every marking point that still needs evidence, with the evidence types that
 * would suit it. The suggestions are read from the qualification itself — the marking point's own
 * wording first, then the unit's tips, common mistakes, key concepts and synopsis — so an
 * imported specification gets advice from its own guidance, never from a list kept in the code
 * about particular unit ids. Each suggestion quotes the sentence it was drawn from, so a learner
 * can see why it is offered.
 */
import { EVIDENCE_TYPE_INFO } from '../evidence/catalogue';
import { EVIDENCE_TYPES, type EvidenceType } from '../model/portfolio';
import type { MarkingPoint, QualificationSpec, Unit } from '../spec/types';
import type { CoverageMatrix, CoverageStatus } from './types';

/** Where a suggestion was drawn from, most specific first. */
export type SuggestionSource = 'marking-point' | 'tip' | 'misconception' | 'key-concept' | 'synopsis' | 'general';

export const SUGGESTION_SOURCE_LABELS: Readonly<Record<SuggestionSource, string>> = {
  'marking-point': 'the marking point',
  tip: 'the unit’s tips',
  misconception: 'the unit’s common mistakes',
  'key-concept': 'the unit’s key concepts',
  synopsis: 'the unit’s synopsis',
  general: 'general advice',
};

export interface EvidenceSuggestion {
  type: EvidenceType;
  /** The evidence type in plain words, e.g. "Call recording". */
  label: string;
  source: SuggestionSource;
  /** The sentence of the guidance the suggestion comes from (cut short if long); empty for general advice. */
  quote: string;
}

/**
 * Words in guidance that name (or plainly call for) each kind of evidence. Patterns are simple
 * alternations with no nested repetition, so they run in linear time on a 10,000-character text.
 * Complaint-model names are matched case-sensitively: "later" is an everyday word, "LATER" a model.
 */
const TYPE_PATTERNS: ReadonlyArray<{ type: EvidenceType; patterns: readonly RegExp[] }> = [
  {
    type: 'reflective-account',
    patterns: [/\breflect(?:ive|ion|ions|ing)\b/i, /\bwritten accounts?\b/i, /\bcomplaint[- ]handling models?\b/i, /\b(?:HEAT|LATER|AAAA)\b/],
  },
  { type: 'witness-testimony', patterns: [/\bwitness(?:es)?\b/i, /\btestimon(?:y|ies)\b/i] },
  { type: 'observation', patterns: [/\bobserv(?:e|es|ed|ing|ation|ations|er|ers)\b/i] },
  { type: 'professional-discussion', patterns: [/\bprofessional discussions?\b/i, /\bdiscuss(?:ion|ions)? with (?:your |an? |the )?assessor\b/i] },
  {
    type: 'case-log',
    patterns: [
      /\bcomplaints? logs?\b/i,
      /\bcase logs?\b/i,
      /\blogging\b/i,
      /\brecords? of (?:the )?(?:complaints?|problems?|issues?)\b/i,
      /\bcomplaint records?\b/i,
      /\brecord(?:s|ed|ing)? (?:all |the )?complaint details\b/i,
      /\bcomplaints? (?:system|register)\b/i,
    ],
  },
  { type: 'call-recording', patterns: [/\bcall recordings?\b/i, /\brecorded calls?\b/i, /\bcall (?:monitoring|listening)\b/i] },
  {
    type: 'customer-feedback',
    patterns: [/\bcustomer (?:surveys?|feedback|satisfaction|comments?)\b/i, /\bsurveys?\b/i, /\bfeedback analysis\b/i, /\bsatisfaction scores?\b/i],
  },
  { type: 'mystery-shopping', patterns: [/\bmystery[- ]shop(?:ping|pers?|s)?\b/i] },
  {
    type: 'work-product',
    patterns: [
      // A policy to collect, not any mention of one ("alignment with company policy" asks for none).
      /\b(?:organisation(?:al|['’]s)?|organization(?:al|['’]s)?|internal|complaints?|complaint[- ]handling|customer service|written) (?:specific )?polic(?:y|ies)\b/i,
      /\bpolicy documents?\b/i,
      /\bregulatory documents?\b/i,
      /\brevised procedures?\b/i,
      /\baction plans?\b/i,
      /\bmonitoring plans?\b/i,
      /\bplan(?:s|ning)? (?:of )?monitoring\b/i,
      /\bbriefings?\b/i,
      /\breports?\b/i,
    ],
  },
  { type: 'question-answer', patterns: [/\bquestions? and answers?\b/i, /\b(?:written|oral|knowledge) questions?\b/i, /\byour answers\b/i] },
];

/** When the guidance names no evidence at all: the kinds any assessor accepts for any marking point. */
const GENERAL_TYPES: readonly EvidenceType[] = ['reflective-account', 'witness-testimony', 'observation'];

const MAX_QUOTE = 300;
/** Guidance texts are at most 10,000 characters in a valid spec; a hostile one is read no further. */
const MAX_SCAN = 10_000;

function asText(value: unknown): string {
  return typeof value === 'string' ? value.slice(0, MAX_SCAN) : '';
}

function asTexts(value: unknown): string[] {
  return Array.isArray(value) ? value.map(asText).filter((text) => text.trim() !== '') : [];
}

/** Words that end in a full stop without ending a sentence ("e.g. HEAT", "Mr. Okafor"). */
const ABBREVIATIONS: ReadonlySet<string> = new Set(['e.g', 'i.e', 'etc', 'mr', 'mrs', 'ms', 'dr', 'vs', 'cf', 'no', 'approx']);

/** Offsets just after each sentence end: a stop followed by white space, not after an abbreviation. */
function sentenceEnds(text: string): number[] {
  const ends: number[] = [];
  const boundary = /[.!?]+(?=\s)/g;
  for (let match = boundary.exec(text); match !== null; match = boundary.exec(text)) {
    const word = /[\p{L}.]*$/u.exec(text.slice(Math.max(0, match.index - 12), match.index))?.[0].toLowerCase() ?? '';
    if (match[0] === '.' && ABBREVIATIONS.has(word.replace(/^\.+/, ''))) continue;
    ends.push(match.index + match[0].length);
  }
  return ends;
}

/** The sentence of `text` that contains `index`, on one line and cut short if long. */
function sentenceAround(text: string, index: number): string {
  let from = 0;
  let to = text.length;
  for (const end of sentenceEnds(text)) {
    if (end <= index) from = end;
    else {
      to = end;
      break;
    }
  }
  const sentence = text.slice(from, to).replace(/\s+/g, ' ').trim();
  return sentence.length > MAX_QUOTE ? `${sentence.slice(0, MAX_QUOTE - 1).trimEnd()}…` : sentence;
}

interface Passage {
  source: SuggestionSource;
  text: string;
}

interface Found {
  type: EvidenceType;
  source: SuggestionSource;
  quote: string;
  /**
   * How strongly the guidance asks for the type: each passage naming it adds its source's
   * weight. Tips say what to collect; mistakes, concepts and the synopsis mention things in passing.
   */
  score: number;
  /** Named in one of the unit's tips: what the unit tells learners to collect. */
  isInTip: boolean;
  /** Order of first mention, for a stable tie-break. */
  order: number;
}

const SOURCE_WEIGHTS: Readonly<Record<SuggestionSource, number>> = {
  'marking-point': 4,
  tip: 3,
  misconception: 1,
  'key-concept': 1,
  synopsis: 1,
  general: 0,
};

/**
 * What a marking point's wording is about, and the kinds of evidence that show such things best.
 * This only ORDERS the types the guidance names; it never adds one. "Spot cues of escalating
 * dissatisfaction" puts an observation before a complaints policy the unit's tips also ask for.
 */
const AFFINITIES: ReadonlyArray<{ pattern: RegExp; types: readonly EvidenceType[] }> = [
  {
    pattern: /\b(?:cues?|tone|verbal|non-verbal|body language|listen(?:s|ed|ing)?|empath\w*|defus\w*|calm\w*|paraphras\w*|acknowledg\w*|communicat\w*|rapport|frustrat\w*|dissatisf\w*)\b/i,
    types: ['observation', 'call-recording', 'witness-testimony'],
  },
  {
    pattern: /\b(?:record(?:s|ed|ing)?|log(?:s|ged|ging)?|document\w*|details?|closure)\b/i,
    types: ['case-log', 'work-product', 'witness-testimony'],
  },
  {
    pattern: /\b(?:legislation|acts?|regulations?|regulatory|rules?|polic(?:y|ies)|compl(?:y|iance|iant))\b/i,
    types: ['work-product', 'question-answer', 'professional-discussion'],
  },
  {
    pattern: /\b(?:trends?|analys\w*|data|kpis?|benchmarks?|monitor\w*|feedback|surveys?|results)\b/i,
    types: ['customer-feedback', 'mystery-shopping', 'call-recording', 'work-product', 'case-log'],
  },
  {
    pattern: /\b(?:reflect\w*|improv\w*|decisions?|justif\w*|recommend\w*|propos\w*|solutions?)\b/i,
    types: ['reflective-account', 'professional-discussion', 'work-product'],
  },
];

/** The types suited to what the marking point's wording is about. */
function affineTypes(text: string): Set<EvidenceType> {
  const types = new Set<EvidenceType>();
  for (const { pattern, types: suited } of AFFINITIES) {
    if (pattern.test(text)) for (const type of suited) types.add(type);
  }
  return types;
}

/** Every evidence type the passages name, in order of first mention, with the first sentence naming it. */
function findTypes(passages: readonly Passage[]): Found[] {
  const found = new Map<EvidenceType, Found>();
  let order = 0;
  for (const passage of passages) {
    for (const { type, patterns } of TYPE_PATTERNS) {
      let first = -1;
      for (const pattern of patterns) {
        const match = pattern.exec(passage.text);
        if (match && (first < 0 || match.index < first)) first = match.index;
      }
      if (first < 0) continue;
      const existing = found.get(type);
      const isTip = passage.source === 'tip';
      if (existing) {
        existing.score += SOURCE_WEIGHTS[passage.source];
        existing.isInTip ||= isTip;
      } else {
        found.set(type, { type, source: passage.source, quote: sentenceAround(passage.text, first), score: SOURCE_WEIGHTS[passage.source], isInTip: isTip, order: order++ });
      }
    }
  }
  return [...found.values()];
}

function unitPassages(unit: Unit): Passage[] {
  const guidance: unknown = unit.guidance;
  const passages: Passage[] = [];
  if (guidance !== null && typeof guidance === 'object') {
    for (const text of asTexts(Reflect.get(guidance, 'tips'))) passages.push({ source: 'tip', text });
    for (const text of asTexts(Reflect.get(guidance, 'misconceptions'))) passages.push({ source: 'misconception', text });
    const concepts: unknown = Reflect.get(guidance, 'keyConcepts');
    if (Array.isArray(concepts)) {
      for (const concept of concepts) {
        if (concept === null || typeof concept !== 'object') continue;
        const text = asText(Reflect.get(concept, 'text'));
        if (text.trim() !== '') passages.push({ source: 'key-concept', text });
      }
    }
  }
  const synopsis = asText(unit.synopsis);
  if (synopsis.trim() !== '') passages.push({ source: 'synopsis', text: synopsis });
  return passages;
}

function toSuggestion(found: Pick<Found, 'type' | 'source' | 'quote'>): EvidenceSuggestion {
  return { type: found.type, label: EVIDENCE_TYPE_INFO[found.type].label, source: found.source, quote: found.quote };
}

/** The unit's own suggestions, most asked-for first. */
function unitSuggestions(unit: Unit): Found[] {
  return findTypes(unitPassages(unit)).sort((a, b) => b.score - a.score || a.order - b.order);
}

/** Fewer suggestions than this for a marking point are topped up with general advice suited to it. */
const MIN_SUGGESTIONS = 2;

function merge(point: MarkingPoint | undefined, fromUnit: readonly Found[], limit: number): EvidenceSuggestion[] {
  const pointText = point ? `${asText(point.label)} ${asText(point.text)}` : '';
  const fromPoint = point ? findTypes([{ source: 'marking-point', text: asText(point.text) }]) : [];
  const suited = affineTypes(pointText);
  // What the tips ask for, and what the rest of the guidance names that suits this marking point.
  // A passing mention elsewhere ("simply logging complaints" in a common mistake) is no advice
  // for a marking point about paraphrasing, unless the guidance offers nothing better.
  const strong = fromUnit.filter((found) => found.isInTip || suited.has(found.type));
  const pool = strong.length > 0 ? strong : fromUnit;
  // Stable sort: within each half the unit's own order (most asked-for first) stands.
  const ranked = [...pool].sort((a, b) => Number(suited.has(b.type)) - Number(suited.has(a.type)));
  const result: EvidenceSuggestion[] = [];
  const seen = new Set<EvidenceType>();
  const add = (found: Pick<Found, 'type' | 'source' | 'quote'>): void => {
    if (seen.has(found.type)) return;
    seen.add(found.type);
    result.push(toSuggestion(found));
  };
  for (const found of [...fromPoint, ...ranked]) add(found);
  if (point && result.length < MIN_SUGGESTIONS) {
    for (const type of suited) if (result.length < MIN_SUGGESTIONS) add({ type, source: 'general', quote: '' });
  }
  if (result.length === 0) for (const type of GENERAL_TYPES) add({ type, source: 'general', quote: '' });
  return result.slice(0, Math.max(0, limit));
}

export interface SuggestionOptions {
  /** At most this many suggestions (all of them when left out). */
  limit?: number;
}

/**
 * Evidence types that would suit a marking point of `unit` (or the unit as a whole when `point`
 * is left out): those named by the marking point's wording first, then those the unit's tips ask
 * for and those the rest of its guidance names that suit what the marking point is about (those
 * suited first, then the most asked-for). Each type appears once, with the first sentence naming
 * it. With fewer than two, kinds suited to the marking point's wording are added as `general`
 * advice (quote empty); when nothing names any, the general kinds (reflective account, witness
 * testimony, observation).
 */
export function suggestEvidenceTypes(unit: Unit, point?: MarkingPoint, options: SuggestionOptions = {}): EvidenceSuggestion[] {
  return merge(point, unitSuggestions(unit), options.limit ?? EVIDENCE_TYPES.length);
}

export interface MissingEntry {
  unitId: string;
  unitTitle: string;
  outcomeId: string;
  outcomeTitle: string;
  point: MarkingPoint;
  status: CoverageStatus;
  suggestions: EvidenceSuggestion[];
}

export interface WhatsMissingOptions extends SuggestionOptions {
  /** Which statuses count as missing; gaps only when left out. */
  statuses?: readonly CoverageStatus[];
  /** Only this unit's marking points. */
  unitId?: string;
}

/**
 * Every marking point of the matrix whose status is one of `statuses` (gaps by default), in
 * specification order, with the evidence types that would suit it. The matrix must have been
 * computed from `spec`; marking points are matched by unit, outcome and marking point id.
 */
export function whatsMissing(spec: QualificationSpec, matrix: CoverageMatrix, options: WhatsMissingOptions = {}): MissingEntry[] {
  const wanted = new Set<CoverageStatus>(options.statuses ?? ['gap']);
  const limit = options.limit ?? EVIDENCE_TYPES.length;
  const status = new Map<string, CoverageStatus>();
  for (const unit of matrix.units) {
    for (const outcome of unit.learningOutcomes) {
      for (const point of outcome.markingPoints) {
        if (!status.has(point.id)) status.set(point.id, point.status);
      }
    }
  }
  const entries: MissingEntry[] = [];
  const seen = new Set<string>();
  for (const unit of spec.units) {
    if (options.unitId !== undefined && unit.id !== options.unitId) continue;
    let fromUnit: Found[] | undefined;
    for (const outcome of unit.learningOutcomes) {
      for (const point of outcome.markingPoints) {
        const pointStatus = status.get(point.id);
        // A hostile spec may repeat an id: the matrix has one status for it, so list it once.
        if (pointStatus === undefined || !wanted.has(pointStatus) || seen.has(point.id)) continue;
        seen.add(point.id);
        fromUnit ??= unitSuggestions(unit);
        entries.push({
          unitId: unit.id,
          unitTitle: unit.title,
          outcomeId: outcome.id,
          outcomeTitle: outcome.title,
          point,
          status: pointStatus,
          suggestions: merge(point, fromUnit, limit),
        });
      }
    }
  }
  return entries;
}
