/**
 * Checks on single evidence items, from the seeds' common misconceptions: witness testimonies
 * that cannot go on the witness status list, complaints without every stage, models with stages
 * left out, reflection without reflecting, and problems solved without their root cause.
 */
import { COMPLAINT_STAGES, type ComplaintStage, type EvidenceItem } from '../model/portfolio';
import { hasText, isCalendarDate, listInWords, quote, recordsOf, textOf, type CheckContext } from './context';

function detailsField(item: EvidenceItem, key: string): unknown {
  const details: unknown = item.details;
  return details !== null && typeof details === 'object' ? Reflect.get(details, key) : undefined;
}

function stringsOf(value: unknown): string[] {
  return Array.isArray(value) ? value.filter((entry: unknown): entry is string => typeof entry === 'string') : [];
}

// ---------------------------------------------------------------------------------------------
// Witnesses

export function checkWitnessTestimonies(context: CheckContext): void {
  for (const item of context.evidence) {
    if (item.type !== 'witness-testimony') continue;
    const witness: unknown = detailsField(item, 'witness');
    const part = (key: string): unknown => (witness !== null && typeof witness === 'object' ? Reflect.get(witness, key) : undefined);
    // The witness status list must say who each witness is; a testimony from nobody in particular is no evidence.
    if (!hasText(part('name')) || (!hasText(part('role')) && !hasText(part('relationship')))) {
      const lacking = hasText(part('name')) ? 'their occupation or their relationship to you' : "the witness's name";
      context.report(
        'witness-details-missing',
        `evidence:${textOf(item.id)}`,
        `Witness testimony ${context.nameOf(item)} does not say who the witness is: it lacks ${lacking}. Add the witness's name, occupation and relationship to you; a testimony from an unnamed or unknown witness cannot go on the witness status list.`,
      );
      continue;
    }
    const missing: string[] = [];
    if (!hasText(part('name'))) missing.push("the witness's name");
    if (!hasText(part('role'))) missing.push('their occupation (job role)');
    if (!hasText(part('relationship'))) missing.push('their relationship to you');
    const witnessType = part('witnessType');
    if (witnessType !== 'expert' && witnessType !== 'ordinary') missing.push('whether they are an expert or an ordinary witness');
    if (!hasText(detailsField(item, 'statement'))) missing.push('the statement itself');
    const confirmedOn = part('confirmedOn');
    if (!hasText(confirmedOn)) missing.push('the date the witness confirmed the statement');
    else if (!isCalendarDate(confirmedOn)) missing.push('a real confirmation date, written as YYYY-MM-DD');
    else if (!hasText(part('confirmedHow'))) missing.push('how the statement was confirmed');
    if (missing.length === 0) continue;
    context.report(
      'witness-testimony-incomplete',
      `evidence:${textOf(item.id)}`,
      `Witness testimony ${context.nameOf(item)} is missing ${listInWords(missing)}. Add what is missing so the testimony can go on the witness status list.`,
    );
  }
}

/** Lower case, letters and digits only, titles dropped: "Mrs J. Smith" and "j smith" compare equal. */
function normaliseName(name: string): string {
  return name
    .slice(0, 200)
    .normalize('NFKC')
    .toLowerCase()
    .replace(/[^\p{L}\p{N}]+/gu, ' ')
    .split(' ')
    .filter((word) => word !== '' && !/^(?:mr|mrs|ms|miss|mx|dr)$/.test(word))
    .join(' ');
}

/** People whose role is to assess or quality-assure are not witnesses. */
const ASSESSING_ROLE = /\b(?:assessor|verifier|iqa|eqa|quality assur(?:er|ance)|myself)\b/i;

/**
 * Names indexed by each of their words, so that "Jane Smith (team leader)" finds the listed
 * "Jane Smith" and "Smith" finds it too, without comparing every name with every other.
 */
class NameIndex {
  private readonly byWord = new Map<string, Set<string>>();

  add(raw: string): void {
    const name = normaliseName(raw);
    if (name === '') return;
    for (const word of name.split(' ')) {
      const names = this.byWord.get(word);
      if (names === undefined) this.byWord.set(word, new Set([name]));
      else names.add(name);
    }
  }

  /** Whether one name contains the other as whole words. */
  matches(raw: string): boolean {
    const name = normaliseName(raw);
    if (name === '') return false;
    const padded = ` ${name} `;
    for (const word of new Set(name.split(' '))) {
      for (const candidate of this.byWord.get(word) ?? []) {
        if (padded.includes(` ${candidate} `) || ` ${candidate} `.includes(padded)) return true;
      }
    }
    return false;
  }
}

const NAMED_PEOPLE: ReadonlyArray<{ type: EvidenceItem['type']; key: string; role: string }> = [
  { type: 'observation', key: 'observer', role: 'observer' },
  { type: 'professional-discussion', key: 'discussedWith', role: 'person the discussion was with' },
  { type: 'question-answer', key: 'askedBy', role: 'person who asked the questions' },
];

/**
 * Someone named as observer, discussion partner or questioner must be on the witness status
 * list (the PDF lists witnesses from witness testimonies), unless they are the learner, the
 * assessor (the portfolio's assessor or anyone who signed a decision, sign-off or sample), or
 * are described only by an assessing role ("my assessor").
 */
export function checkWitnessesListed(context: CheckContext): void {
  const listed = new NameIndex();
  for (const item of context.evidence) {
    if (item.type !== 'witness-testimony') continue;
    const witness: unknown = detailsField(item, 'witness');
    if (witness !== null && typeof witness === 'object') listed.add(textOf(Reflect.get(witness, 'name')));
  }
  const staff = new NameIndex();
  const portfolio: unknown = context.content.portfolio;
  if (portfolio !== null && typeof portfolio === 'object') {
    staff.add(textOf(Reflect.get(portfolio, 'assessorName')));
    const learner: unknown = Reflect.get(portfolio, 'learner');
    if (learner !== null && typeof learner === 'object') staff.add(textOf(Reflect.get(learner, 'name')));
  }
  const signed = [...context.decisions, ...recordsOf(context.content.signOffs), ...recordsOf(context.content.iqaSamples)];
  for (const record of signed) {
    const signer: unknown = record.signer;
    if (signer !== null && typeof signer === 'object') staff.add(textOf(Reflect.get(signer, 'name')));
  }

  for (const item of context.evidence) {
    for (const named of NAMED_PEOPLE) {
      if (item.type !== named.type) continue;
      const name = textOf(detailsField(item, named.key));
      if (!hasText(name) || ASSESSING_ROLE.test(name) || staff.matches(name) || listed.matches(name)) continue;
      context.report(
        'witness-not-listed',
        `evidence:${textOf(item.id)}`,
        `Evidence ${context.nameOf(item)} names ${quote(name, 40)} as the ${named.role}, but they are not on the witness status list. ` +
          "Add a witness testimony from them (with their role and relationship to you); if they are your assessor, put your assessor's name on the portfolio.",
      );
    }
  }
}

// ---------------------------------------------------------------------------------------------
// Complaints

const COMPLAINT_WORD = /\bcomplain(?:t|ts|ed|ing|s)?\b/i;

/** The stages of each named complaint-handling model, as the seeds give them. */
export const MODEL_STAGES: Readonly<Record<string, readonly string[]>> = {
  HEAT: ['Hear', 'Empathise', 'Apologise', 'Take action'],
  LATER: ['Listen', 'Apologise', 'Thank', 'Empathise', 'Resolve'],
  AAAA: ['Acknowledge', 'Apologise', 'Act', 'Assure'],
};

function tagsOf(item: EvidenceItem): string[] {
  return stringsOf(item.tags).map((tag) => tag.slice(0, 200));
}

/** Case logs, items titled or tagged as complaints, and reflective accounts that follow a complaint model. */
export function isComplaintEvidence(item: EvidenceItem): boolean {
  if (item.type === 'case-log') return true;
  if (COMPLAINT_WORD.test(textOf(item.title).slice(0, 1_000))) return true;
  if (tagsOf(item).some((tag) => COMPLAINT_WORD.test(tag))) return true;
  return item.type === 'reflective-account' && Object.hasOwn(MODEL_STAGES, textOf(detailsField(item, 'model')));
}

function words(text: string): string {
  return text.toLowerCase().replace(/[^a-z]+/g, ' ').trim();
}

/**
 * The complaint stages an item shows, from explicit fields only: a case log's (or any item's)
 * `stagesCovered`, tags such as "resolution" or "stage: recording", and reflective-account
 * stages named after a complaint stage. Narrative wording is not guessed at.
 */
export function complaintStagesShown(item: EvidenceItem): Set<ComplaintStage> {
  const shown = new Set<ComplaintStage>();
  const known: ReadonlySet<string> = new Set(COMPLAINT_STAGES);
  const add = (value: string): void => {
    const text = words(value);
    for (const stage of COMPLAINT_STAGES) {
      if (text === stage || text === `stage ${stage}` || text === `${stage} stage` || text === `complaint ${stage}`) shown.add(stage);
    }
  };
  for (const stage of stringsOf(detailsField(item, 'stagesCovered'))) {
    if (known.has(stage)) add(stage);
  }
  for (const tag of tagsOf(item)) add(tag);
  if (item.type === 'reflective-account') {
    for (const stage of objectsOf(detailsField(item, 'stages'))) add(textOf(Reflect.get(stage, 'stage')).slice(0, 200));
  }
  return shown;
}

function objectsOf(value: unknown): object[] {
  return Array.isArray(value) ? value.filter((entry: unknown): entry is object => entry !== null && typeof entry === 'object') : [];
}

const STAGE_VERBS: Readonly<Record<ComplaintStage, string>> = {
  identification: 'identified',
  resolution: 'resolved',
  recording: 'recorded',
};

export function checkComplaintStages(context: CheckContext): void {
  for (const item of context.evidence) {
    if (!isComplaintEvidence(item)) continue;
    const shown = complaintStagesShown(item);
    const missing = COMPLAINT_STAGES.filter((stage) => !shown.has(stage));
    if (missing.length === 0) continue;
    const ref = `evidence:${textOf(item.id)}`;
    if (item.type === 'case-log') {
      context.report(
        'complaint-stages-incomplete',
        ref,
        `Case log ${context.nameOf(item)} does not show the ${listInWords(missing)} stage${missing.length === 1 ? '' : 's'} of the complaint. ` +
          'A complete log shows how the complaint was identified, resolved and recorded: add what is missing and mark each stage the log covers.',
      );
    } else {
      context.report(
        'complaint-stages-incomplete',
        ref,
        `Evidence ${context.nameOf(item)} is about a complaint but does not show how it was ${listInWords(missing.map((stage) => STAGE_VERBS[stage]))}. ` +
          'Show each stage (identification, resolution and recording), or tag the item with the stages it does show and make sure other evidence, such as a case log, shows the rest.',
      );
    }
  }
}

function stageKey(text: string): string {
  return text.toLowerCase().replace(/[^a-z]/g, '').replace(/ize$/, 'ise');
}

/** Seed guidance: use a recognised complaint-handling model "to ensure all key steps are covered". */
export function checkModelStages(context: CheckContext): void {
  for (const item of context.evidence) {
    if (item.type !== 'reflective-account') continue;
    const model = textOf(detailsField(item, 'model'));
    const written = objectsOf(detailsField(item, 'stages'))
      .filter((stage) => hasText(Reflect.get(stage, 'text')))
      .map((stage) => stageKey(textOf(Reflect.get(stage, 'stage')).slice(0, 200)))
      .filter((key) => key !== '');
    const ref = `evidence:${textOf(item.id)}`;
    const expected = Object.hasOwn(MODEL_STAGES, model) ? MODEL_STAGES[model] : undefined;
    if (expected !== undefined) {
      const missing = expected.filter((stage) => !written.some((key) => key.startsWith(stageKey(stage))));
      if (missing.length === 0) continue;
      context.report(
        'complaint-model-stages-missing',
        ref,
        `Reflective account ${context.nameOf(item)} follows the ${model} model but leaves out ${listInWords(missing)}. Write what you did at each stage, so your assessor can follow the whole process.`,
      );
    } else if (model === 'other') {
      const modelName = textOf(detailsField(item, 'modelName'));
      if (!hasText(modelName)) {
        context.report(
          'complaint-model-stages-missing',
          ref,
          `Reflective account ${context.nameOf(item)} does not name the model it follows. Name the recognised complaint-handling model you used and write what you did at each of its stages.`,
        );
      } else if (written.length === 0) {
        context.report(
          'complaint-model-stages-missing',
          ref,
          `Reflective account ${context.nameOf(item)} follows the ${quote(modelName, 40)} model but describes none of its stages. Write what you did at each stage.`,
        );
      }
    }
  }
}

/** Seed guidance: a reflective log notes "what went well and what you would improve". */
export function checkReflection(context: CheckContext): void {
  for (const item of context.evidence) {
    if (item.type !== 'reflective-account') continue;
    const missing: string[] = [];
    if (!hasText(detailsField(item, 'wentWell'))) missing.push('what went well');
    if (!hasText(detailsField(item, 'doDifferently'))) missing.push('what you would do differently');
    if (missing.length === 0) continue;
    context.report(
      'reflection-incomplete',
      `evidence:${textOf(item.id)}`,
      `Reflective account ${context.nameOf(item)} does not say ${missing.join(' or ')}. Add ${missing.length === 1 ? 'it' : 'both'}: reflecting on them shows how you are developing.`,
    );
  }
}

// ---------------------------------------------------------------------------------------------
// Problem solving

const PROBLEM_WORDS = /\b(?:problems?|issues?|faults?|recurring|recurrence|root[ -]causes?)\b/i;
const PREVENTION_POINT = /\b(?:root causes?|recurr(?:ing|ence|ent|s)?|prevent\w*)\b/i;

/**
 * Problem-solving evidence: complaint evidence, items titled or tagged as a problem or issue,
 * items that already give a root cause or prevention, and items mapped to a marking point about
 * root causes, recurrence or prevention.
 */
export function checkRootCauseAndPrevention(context: CheckContext): void {
  const preventionPoints = new Set<string>();
  for (const { point } of context.points) {
    if (PREVENTION_POINT.test(textOf(point.text).slice(0, 20_000))) preventionPoints.add(point.id);
  }
  for (const item of context.evidence) {
    const hasRootCause = hasText(item.rootCause);
    const hasPrevention = hasText(item.prevention) || (item.type === 'reflective-account' && hasText(detailsField(item, 'preventRecurrence')));
    if (hasRootCause && hasPrevention) continue;
    const isProblemSolving =
      hasRootCause ||
      hasPrevention ||
      isComplaintEvidence(item) ||
      PROBLEM_WORDS.test(textOf(item.title).slice(0, 1_000)) ||
      tagsOf(item).some((tag) => PROBLEM_WORDS.test(tag)) ||
      (context.mappingsByEvidence.get(item.id) ?? []).some((mapping) => preventionPoints.has(mapping.markingPointId));
    if (!isProblemSolving) continue;
    const missing = [
      ...(hasRootCause ? [] : ['the root cause']),
      ...(hasPrevention ? [] : ['what was done to stop it happening again']),
    ];
    context.report(
      'root-cause-or-prevention-missing',
      `evidence:${textOf(item.id)}`,
      `Evidence ${context.nameOf(item)} is about solving a problem but does not give ${missing.join(' or ')}. ` +
        'Add it: assessors look for the underlying cause and the action taken to prevent it recurring, not only the immediate fix.',
    );
  }
}
